import ShardlineIR
import ShardlineSharding

/// One node's operand and result specs, checked against what its op computes on local shards.
///
/// An op run on local shards gives the right shard of its result when every loop of its
/// iteration space is split alike wherever it appears (a matmul's contraction split the same way
/// in both operands, an element-wise op's operands split as its result), and when dimensions the
/// op slices, pads, reverses, concatenates or indexes are not split. A summed dimension that is
/// split leaves a partial sum, and partial operands pass only through ops linear in them.
struct LocalLayout {
  /// The node.
  let node: Node
  /// The operands' full types.
  let operandTypes: [TensorType]
  /// The specs the operands are resharded to, canonical, partial sums included.
  let operands: [ShardingSpec]
  /// The result's spec, canonical, without partial sums.
  let output: ShardingSpec

  /// Checks the layout of every dimension the op relates.
  ///
  /// - Parameter isZero: Whether a node is a literal zero (a pad value that keeps sums linear).
  /// - Throws: ``LoweringError/unsupported(node:reason:)`` naming the mismatch.
  init(
    node: Node, operandTypes: [TensorType], operands: [ShardingSpec], output: ShardingSpec,
    isZero: (NodeID) -> Bool
  ) throws(LoweringError) {
    self.node = node
    self.operandTypes = operandTypes
    self.operands = operands
    self.output = output
    try checkPartialOperands(isZero: isZero)
    try checkDimensions()
  }

  func fail(_ reason: String) -> LoweringError {
    .unsupported(node: node.name, reason: reason)
  }

  func axes(_ operand: Int, _ dimension: Int) -> [Int] {
    operands[operand].dims[dimension].axes
  }

  /// Requires operand `operand`'s dimensions to be split as `expected` lists.
  func expect(_ operand: Int, _ expected: [[Int]], _ what: String) throws(LoweringError) {
    let actual = operands[operand].dims.map(\.axes)
    guard actual == expected else {
      throw fail("operand \(operand) is \(operands[operand]), but \(what)")
    }
  }

  /// Requires the listed dimensions of the result and of the data operands to be unsplit.
  func unsplit(_ dimensions: [Int], operandsUpTo count: Int, _ what: String)
    throws(LoweringError)
  {
    for dimension in dimensions {
      let split = (0..<count).contains { !axes($0, dimension).isEmpty }
      if split || !output.dims[dimension].axes.isEmpty {
        throw fail("dimension \(dimension) is split, but the op \(what) it")
      }
    }
  }

  /// Operands that may be partial sums, because the op is linear in them; and whether all of
  /// them must then be partial over the same axes (a sum) rather than at most one (a product).
  private func linearOperands(isZero: (NodeID) -> Bool) -> (positions: Set<Int>, sum: Bool) {
    let all = Set(node.operands.indices)
    switch node.op {
    case .convert:
      let floats = operandTypes[0].dtype.isFloatingPoint && node.type.dtype.isFloatingPoint
      return (floats ? [0] : [], true)
    case .unary(.negate), .broadcastInDim, .reshape, .transpose, .reverse, .slice, .dynamicSlice,
      .reduce(.sum, _), .scatterAdd:
      return ([0], true)
    case .pad: return (isZero(node.operands[1]) ? [0] : [], true)
    case .binary(.add), .binary(.subtract), .concatenate: return (all, true)
    case .binary(.multiply): return (all, false)
    case .binary(.divide): return ([0], true)
    case .select: return ([1, 2], true)
    case .dynamicUpdateSlice: return ([0, 1], true)
    default: return ([], true)
    }
  }

  private func checkPartialOperands(isZero: (NodeID) -> Bool) throws(LoweringError) {
    let partial = operands.indices.filter { operands[$0].isPartial }
    guard !partial.isEmpty else { return }
    let (linear, sum) = linearOperands(isZero: isZero)
    if let bad = partial.first(where: { !linear.contains($0) }) {
      throw fail(
        "operand \(bad) is a partial sum (\(operands[bad])), and the op is not linear in it")
    }
    if sum {
      let axes = Set(partial.map { operands[$0].partialAxes })
      let complete = linear.filter { !operands[$0].isPartial && operandTypes[$0].rank > 0 }
      guard axes.count == 1, complete.isEmpty else {
        throw fail("its summed operands \(operands) are not partial over the same axes")
      }
    } else if partial.count > 1 {
      throw fail("it multiplies two partial sums \(operands)")
    }
  }

  /// The mesh axes over which the local result is a partial sum: those of its partial operands
  /// and those of the summed dimensions it splits (a gather's split table rows count as summed:
  /// each device looks up only the ids in its rows and writes zeros for the others).
  func partialAxes() throws(LoweringError) -> Set<Int> {
    var result = Set(operands.flatMap(\.partialAxes))
    switch node.op {
    case .reduce(_, let dimensions):
      result.formUnion(dimensions.flatMap { axes(0, $0) })
    case .dotGeneral(let n):
      result.formUnion(n.lhsContracting.flatMap { axes(0, $0) })
    case .convolution(let a):
      result.formUnion(axes(1, a.kernelInputFeatureDimension))
    case .gather(let n):
      result.formUnion(n.collapsedSliceDims.flatMap { axes(0, $0) })
    case .scatterAdd(let n):
      let updates = operandTypes[2].rank
      let scatterDims = (0..<updates).filter { !n.updateWindowDims.contains($0) }
      result.formUnion(scatterDims.flatMap { axes(2, $0) })
    default:
      break
    }
    return result
  }
}
