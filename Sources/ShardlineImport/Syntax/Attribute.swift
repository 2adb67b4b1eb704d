/// An attribute value, in the form StableHLO's generic syntax gives it.
///
/// The parser turns every op's pretty syntax (`dims = [1, 0]`, `contracting_dims = [1] x [0]`,
/// `applies stablehlo.add across dimensions = [0]`) into the attributes the generic form
/// (`"stablehlo.transpose"(%0) <{permutation = array<i64: 1, 0>}>`) would carry, so the
/// converter reads one spelling per attribute.
public indirect enum Attribute: Sendable, Hashable {
  /// `3 : i64`, `true`.
  case integer(Int)
  /// `1.000000e-01 : f32`.
  case float(Double)
  /// `true` / `false`.
  case bool(Bool)
  /// `"result[0]"`.
  case string(String)
  /// `[1, 2]` or `array<i64: 1, 2>`.
  case array([Attribute])
  /// `dense<…> : tensor<…>`: the elements and the attribute's type.
  case dense(DenseElements, type: MLIRType)
  /// `{a = 1, b = "x"}`, in written order.
  case dictionary([NamedAttribute])
  /// An enumerator such as `#stablehlo<comparison_direction GT>` (name `comparison_direction`,
  /// value `GT`), or a bare keyword such as `DEFAULT`.
  case enumeration(name: String, value: String)
  /// A parameterized attribute such as `#stablehlo.dot<lhs_batching_dimensions = [0], …>` or
  /// `#stablehlo.gather<…>`: its kind (`dot`, `gather`, `scatter`) and its fields in order.
  case structured(kind: String, fields: [NamedAttribute])
  /// Convolution dimension numbers `[b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]`, one letter or
  /// spatial index per dimension.
  case convolutionLayout(input: [String], kernel: [String], output: [String])
  /// `@helper`.
  case symbol(String)
  /// A type used as an attribute value.
  case type(MLIRType)
  /// An attribute present without a value.
  case unit
  /// Any other attribute (`#sdy.sharding<…>`, `#sdy.mesh<…>`), its text kept as written.
  case opaque(String)
}

/// `name = value`.
public struct NamedAttribute: Sendable, Hashable {
  /// The attribute's name.
  public var name: String
  /// Its value.
  public var value: Attribute

  /// Creates a named attribute.
  public init(_ name: String, _ value: Attribute) {
    self.name = name
    self.value = value
  }
}

/// The elements of a `dense<…>` attribute, before the element type is applied.
public enum DenseElements: Sendable, Hashable {
  /// One value for every element: `dense<1.0>`, `dense<true>` (1), `dense<0xFF800000>`.
  case splat(Double)
  /// All elements in row-major order, nested brackets flattened.
  case values([Double])
  /// `dense<"0x0000803F…">`: raw little-endian bytes of all elements (or of one, for a splat),
  /// decoded by the converter once the element type is known.
  case hex([UInt8])
}

extension [NamedAttribute] {
  /// The value of the attribute called `name`, if present.
  public subscript(name: String) -> Attribute? { first { $0.name == name }?.value }
}
