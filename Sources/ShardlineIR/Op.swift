/// A tensor operation: StableHLO's op set, restricted to what training steps use.
///
/// Operands are listed on the ``Node``; an op only holds its static attributes. Ops whose result
/// type cannot be derived from their operands (`parameter`, `constant`, `iota`, `convert`,
/// `reshape`, `broadcastInDim`) take it from the node's declared type.
public enum Op: Hashable, Sendable {
  /// A graph input: parameter, optimizer state or batch data (see ``GraphInput``).
  case parameter
  /// A literal tensor.
  case constant(ConstantValue)
  /// Element indices along one dimension: `result[i...] = i_dimension`.
  case iota(dimension: Int)
  /// Element-type conversion to the node's dtype (with rounding to that type's precision).
  case convert
  /// An element-wise unary function.
  case unary(UnaryOperator)
  /// An element-wise binary function of two operands of equal shape.
  case binary(BinaryOperator)
  /// Element-wise comparison giving `i1`.
  case compare(ComparisonDirection)
  /// `select(pred, onTrue, onFalse)`; `pred` is `i1` of the same shape or a scalar.
  case select
  /// Broadcasts the operand to the node's shape; operand dimension `i` maps to `dimensions[i]`.
  case broadcastInDim(dimensions: [Int])
  /// Reinterprets the operand (row-major) with the node's shape.
  case reshape
  /// Permutes dimensions: result dimension `i` is operand dimension `permutation[i]`.
  case transpose(permutation: [Int])
  /// Reverses the order of elements along the given dimensions.
  case reverse(dimensions: [Int])
  /// A static strided slice.
  case slice(SliceAttributes)
  /// Joins operands along one dimension.
  case concatenate(dimension: Int)
  /// Pads the first operand with the scalar second operand.
  case pad(PadAttributes)
  /// Reduces over the given dimensions, which are removed from the shape.
  case reduce(ReductionKind, dimensions: [Int])
  /// Generalized matrix product with batch and contracting dimensions.
  case dotGeneral(DotDimensionNumbers)
  /// N-d convolution of an input (first operand) with a kernel (second operand).
  case convolution(ConvolutionAttributes)
  /// Gathers slices of the first operand at the integer start indices of the second.
  case gather(GatherDimensionNumbers)
  /// Adds the third operand's windows into the first at the indices of the second.
  case scatterAdd(ScatterDimensionNumbers)
  /// A slice of static `sizes` at dynamic start indices (one scalar integer operand per
  /// dimension after the first), clamped to stay in bounds.
  case dynamicSlice(sizes: [Int])
  /// Writes the second operand into the first at dynamic start indices (scalar operands after
  /// the second), clamped to stay in bounds.
  case dynamicUpdateSlice

  /// The StableHLO name of the op kind, used in JSON, error messages and op counts.
  public var kindName: String {
    switch self {
    case .parameter: "parameter"
    case .constant: "constant"
    case .iota: "iota"
    case .convert: "convert"
    case .unary(let op): op.rawValue
    case .binary(let op): op.rawValue
    case .compare: "compare"
    case .select: "select"
    case .broadcastInDim: "broadcast_in_dim"
    case .reshape: "reshape"
    case .transpose: "transpose"
    case .reverse: "reverse"
    case .slice: "slice"
    case .concatenate: "concatenate"
    case .pad: "pad"
    case .reduce(let kind, _): "reduce_\(kind.rawValue)"
    case .dotGeneral: "dot_general"
    case .convolution: "convolution"
    case .gather: "gather"
    case .scatterAdd: "scatter_add"
    case .dynamicSlice: "dynamic_slice"
    case .dynamicUpdateSlice: "dynamic_update_slice"
    }
  }

  /// Whether the op is element-wise (each output element depends on the same-index input
  /// elements only).
  public var isElementwise: Bool {
    switch self {
    case .convert, .unary, .binary, .compare, .select: true
    default: false
    }
  }
}
