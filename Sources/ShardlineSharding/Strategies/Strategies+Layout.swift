import ShardlineIR

/// Follower layouts of ops that move data between dimensions: broadcast, reduce, and the ops
/// that take a window of some dimensions (reverse, slice, pad, dynamic slices).
extension ShardingContext {
  /// Operand dimension `i` keeps its split on result dimension `dimensions[i]`; new dimensions
  /// are replicated. A partial sum stays partial (broadcasting is linear). A size-1 dimension
  /// that broadcasts to a larger one cannot be split, so it is required replicated.
  func broadcastLayout(of node: Node, dimensions: [Int], leaderSpec: ShardingSpec)
    -> FollowerLayout
  {
    let operandShape = graph[node.operands[0]].type.shape
    var required = leaderSpec
    var output = ShardingSpec(
      ShardingSpec.replicated(rank: node.type.rank).dims, partialAxes: leaderSpec.partialAxes)
    for (dimension, target) in dimensions.enumerated() {
      if operandShape[dimension] == node.type.shape[target] {
        output.dims[target] = leaderSpec.dims[dimension]
      } else {
        required.dims[dimension] = .replicated
      }
    }
    return FollowerLayout(output: output, operands: [required])
  }

  /// Kept dimensions keep their splits. A summed dimension split over some axes leaves each
  /// device a partial sum over them (when ``ShardingOptions/allowsPartialSums``; otherwise it
  /// is required replicated); a max or min needs the whole dimension, and a complete operand.
  func reduceLayout(
    of node: Node, kind: ReductionKind, dimensions: [Int], leaderSpec: ShardingSpec
  ) -> FollowerLayout {
    var required = kind == .sum ? leaderSpec : leaderSpec.withoutPartial
    var partialAxes = required.partialAxes
    for dimension in dimensions where required.dims[dimension] != .replicated {
      if kind == .sum && options.allowsPartialSums {
        partialAxes += required.dims[dimension].axes
      } else {
        required.dims[dimension] = .replicated
      }
    }
    let kept = required.dims.indices.filter { !dimensions.contains($0) }.map { required.dims[$0] }
    return FollowerLayout(
      output: ShardingSpec(kept, partialAxes: partialAxes), operands: [required])
  }

  /// Dimensions the op reverses, slices or pads are required replicated; the others keep their
  /// splits, on the data operands (the operand, and a dynamic update slice's update) and the
  /// result alike. Partial sums pass through (the ops are linear), except through a pad with a
  /// value that is not a literal zero. Start indices need no spec; a scalar leader (the pad value
  /// or a start index, when the data is free) gives the replicated layout.
  func windowLayout(of node: Node, leader: Int, leaderSpec: ShardingSpec) -> FollowerLayout {
    let operandShape = graph[node.operands[0]].type.shape
    var dataOperands = 1
    var keepsPartial = true
    let touched: [Int]
    switch node.op {
    case .reverse(let dimensions):
      touched = dimensions
    case .slice(let a):
      touched = operandShape.indices.filter { d in
        a.start[d] != 0 || a.limit[d] != operandShape[d]
          || (a.strides[d] != 1 && operandShape[d] > 1)
      }
    case .pad(let a):
      touched = operandShape.indices.filter { d in
        a.low[d] != 0 || a.high[d] != 0 || (a.interior[d] != 0 && operandShape[d] > 1)
      }
      keepsPartial = isZeroLiteral(node.operands[1])
    case .dynamicSlice(let sizes):
      touched = operandShape.indices.filter { sizes[$0] != operandShape[$0] }
    case .dynamicUpdateSlice:
      let update = graph[node.operands[1]].type.shape
      touched = operandShape.indices.filter { update[$0] != operandShape[$0] }
      dataOperands = 2
    default:
      touched = []
    }
    guard leader < dataOperands else { return replicatedLayout(of: node, leader: leader) }
    let required = leaderSpec.replicating(touched, keepsPartial: keepsPartial)
    return FollowerLayout(
      output: required, operands: node.operands.indices.map { $0 < dataOperands ? required : nil })
  }

  /// Whether node `id` is a constant whose every element is zero.
  private func isZeroLiteral(_ id: NodeID) -> Bool {
    switch graph[id].op {
    case .constant(.splat(let value)): value == 0
    case .constant(.dense(let values)): values.allSatisfy { $0 == 0 }
    default: false
    }
  }
}
