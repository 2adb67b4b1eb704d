import ShardlineIR

/// Strategies of ops that follow an operand: each leader spec gives one layout (Alpa §4.2).
///
/// A follower requires its leader in the leader's own spec whenever the op can run in it, so the
/// merged edge costs nothing; otherwise it requires the nearest spec it can run in (a dimension
/// replicated, a partial sum completed) and the resharding lands on that edge. Partial sums pass
/// through ops that are linear in the leader; the other operands of a linear op are then required
/// as the same partial sum, which a complete tensor becomes for free.
extension ShardingContext {
  /// The strategy of follower `id` when its operand `leader` is produced in `leaderSpec`, named
  /// by its result spec.
  func followerStrategy(for id: NodeID, leader: Int, leaderSpec: ShardingSpec) -> ShardingStrategy {
    let node = graph[id]
    let layout: FollowerLayout
    switch node.op {
    case .convert, .unary, .binary, .compare, .select:
      layout = elementwiseLayout(of: node, leader: leader, leaderSpec: leaderSpec)
    case .broadcastInDim(let dimensions):
      layout = broadcastLayout(of: node, dimensions: dimensions, leaderSpec: leaderSpec)
    case .reshape:
      layout = reshapeLayout(of: node, leaderSpec: leaderSpec)
    case .transpose(let permutation):
      let output = ShardingSpec(
        permutation.map { leaderSpec.dims[$0] }, partialAxes: leaderSpec.partialAxes)
      layout = FollowerLayout(output: output, operands: [leaderSpec])
    case .reduce(let kind, let dimensions):
      layout = reduceLayout(of: node, kind: kind, dimensions: dimensions, leaderSpec: leaderSpec)
    case .concatenate(let dimension):
      let required = leaderSpec.replicating([dimension], keepsPartial: true)
      layout = FollowerLayout(output: required, operands: node.operands.map { _ in required })
    case .reverse, .slice, .pad, .dynamicSlice, .dynamicUpdateSlice:
      layout = windowLayout(of: node, leader: leader, leaderSpec: leaderSpec)
    case .parameter, .constant, .iota, .dotGeneral, .convolution, .gather, .scatterAdd:
      layout = replicatedLayout(of: node, leader: leader)
    }
    let splitAxes = layout.output.splitAxes + layout.operands.flatMap { $0?.splitAxes ?? [] }
    return ShardingStrategy(
      name: layout.output.description, output: layout.output, operands: layout.operands,
      computeSeconds: computeSeconds(
        of: id, workShards: shape.devices(along: Set(splitAxes).sorted())),
      outputBytesPerDevice: bytesPerDevice(node.type, layout.output))
  }

  /// Element-wise ops keep the leader's spec for the result and every operand of the same shape.
  ///
  /// A partial leader stays partial through ops linear in it (convert between float types,
  /// negate, add, subtract, multiply, divide by a complete divisor, select's data operands);
  /// any other op (exp, tanh, max, compare, …) requires it complete.
  func elementwiseLayout(of node: Node, leader: Int, leaderSpec: ShardingSpec) -> FollowerLayout {
    guard graph[node.operands[leader]].type.rank == node.type.rank else {
      return replicatedLayout(of: node, leader: leader)
    }
    let linear = leaderSpec.isPartial ? partialOperands(of: node, leader: leader) : []
    let complete = leaderSpec.withoutPartial
    let operands = node.operands.enumerated().map { position, operand -> ShardingSpec? in
      guard graph[operand].type.rank == node.type.rank else { return .replicated(rank: 0) }
      return linear.contains(position) ? leaderSpec : complete
    }
    return FollowerLayout(output: linear.isEmpty ? complete : leaderSpec, operands: operands)
  }

  /// The operands that are summed alongside a partial `leader` when node's op is linear in it,
  /// or none when it is not.
  private func partialOperands(of node: Node, leader: Int) -> Set<Int> {
    switch node.op {
    case .convert:
      let source = graph[node.operands[0]].type.dtype
      return source.isFloatingPoint && node.type.dtype.isFloatingPoint ? [0] : []
    case .unary(.negate), .binary(.add), .binary(.subtract): return Set(node.operands.indices)
    case .binary(.multiply): return [leader]
    case .binary(.divide): return leader == 0 ? [0] : []
    case .select: return leader > 0 ? [1, 2] : []
    default: return []
    }
  }

  /// Everything replicated: the layout of a follower led by a scalar (a select predicate, a pad
  /// value, a start index) that cannot follow the leader's layout, which it requires complete.
  /// Scalar operands other than the leader need no spec.
  func replicatedLayout(of node: Node, leader: Int) -> FollowerLayout {
    let operands = node.operands.enumerated().map { position, operand -> ShardingSpec? in
      let rank = graph[operand].type.rank
      if position != leader && rank == 0 && node.type.rank > 0 { return nil }
      return .replicated(rank: rank)
    }
    return FollowerLayout(output: .replicated(rank: node.type.rank), operands: operands)
  }
}
