import ShardlineIR

/// The interpreter's kernels: one static function per op, grouped by family in extensions.
///
/// Kernels trust their node: its operands' types were checked by ``TypeChecker`` when the graph
/// was built or validated, so they only assert what a wrong graph would make unsafe.
enum Kernels {
  /// Evaluates one node on its operands' values, rounding the result to the node's element type.
  ///
  /// - Precondition: `node` is not a `parameter` (the interpreter binds those to inputs).
  static func evaluate(_ node: Node, _ operands: [HostTensor]) -> HostTensor {
    var storage = compute(node, operands)
    round(&storage, to: node.type.dtype)
    return HostTensor(node.type, storage: storage)
  }

  private static func compute(_ node: Node, _ x: [HostTensor]) -> [Float] {
    let type = node.type
    switch node.op {
    case .parameter: preconditionFailure("parameter \(node.id) must be bound to an input")
    case .constant(let value): return constant(value, count: type.elementCount)
    case .iota(let dimension): return iota(shape: type.shape, dimension: dimension)
    case .convert: return convert(x[0].storage, to: type.dtype)
    case .unary(let op): return unary(op, x[0].storage)
    case .binary(let op): return binary(op, x[0].storage, x[1].storage, dtype: type.dtype)
    case .compare(let direction): return compare(direction, x[0].storage, x[1].storage)
    case .select: return select(x[0].storage, x[1].storage, x[2].storage)
    case .broadcastInDim(let dimensions):
      return broadcast(x[0], to: type.shape, dimensions: dimensions)
    case .reshape: return x[0].storage
    case .transpose(let permutation): return transpose(x[0], permutation)
    case .reverse(let dimensions): return reverse(x[0], dimensions)
    case .slice(let attributes): return slice(x[0], attributes, shape: type.shape)
    case .concatenate(let dimension): return concatenate(x, dimension: dimension)
    case .pad(let attributes): return pad(x[0], x[1].scalar, attributes, shape: type.shape)
    case .reduce(let kind, let dimensions): return reduce(x[0], kind, dimensions: dimensions)
    case .dotGeneral(let numbers): return dotGeneral(x[0], x[1], numbers)
    case .convolution(let attributes):
      return convolution(x[0], x[1], attributes, resultShape: type.shape)
    case .gather(let numbers): return gather(x[0], x[1], numbers, resultShape: type.shape)
    case .scatterAdd(let numbers): return scatterAdd(x[0], x[1], x[2], numbers)
    case .dynamicSlice(let sizes): return dynamicSlice(x[0], starts: x.dropFirst(), sizes: sizes)
    case .dynamicUpdateSlice:
      return dynamicUpdateSlice(x[0], update: x[1], starts: x.dropFirst(2))
    }
  }

  /// The integer an index-valued element stands for, clamped to `lower...upper`.
  ///
  /// NaN counts as 0, so a malformed index never traps.
  static func clampedIndex(_ value: Float, lower: Int, upper: Int) -> Int {
    if value.isNaN { return max(lower, min(0, upper)) }
    if value <= Float(lower) { return lower }
    if value >= Float(upper) { return upper }
    return Int(value)
  }

  /// The integer an index-valued element stands for, truncated toward zero (NaN counts as 0,
  /// values beyond ±2^62 saturate), for index arithmetic that must not trap.
  static func wholeNumber(_ value: Float) -> Int {
    clampedIndex(value, lower: -(1 << 62), upper: 1 << 62)
  }
}
