/// A type as StableHLO text writes it.
public indirect enum MLIRType: Sendable, Hashable, CustomStringConvertible {
  /// `tensor<4x8xbf16>` (`tensor<f32>` has an empty shape); `element` is the element type as
  /// written: `f32`, `bf16`, `i1`, `ui32`, `f64`, …
  case tensor(shape: [Int], element: String)
  /// `tuple<…>`.
  case tuple([MLIRType])
  /// Any other type (`!stablehlo.token`), kept as written.
  case other(String)

  /// The text form.
  public var description: String {
    switch self {
    case .tensor(let shape, let element):
      "tensor<" + shape.map { "\($0)x" }.joined() + element + ">"
    case .tuple(let elements): "tuple<" + elements.map(\.description).joined(separator: ", ") + ">"
    case .other(let text): text
    }
  }
}
