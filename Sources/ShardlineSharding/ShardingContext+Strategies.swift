import ShardlineIR

/// Strategy enumeration: which ops choose their sharding freely and which follow an operand.
///
/// An op that *follows* operand `k` has exactly one strategy per strategy of that operand, in
/// the same order, each requiring the operand in the leader's output spec (so the edge between
/// them costs nothing on the diagonal). The cost graph merges such pairs into one decision,
/// which is what keeps the ILP small (Alpa §4.2, "merging followers").
extension ShardingContext {
  /// The operand a node follows, or `nil` if it chooses its sharding independently.
  ///
  /// - Parameter isFree: Whether an operand is materialized locally in any layout (constants,
  ///   iota and what is computed only from them); free operands are never leaders.
  public func leaderOperand(of id: NodeID, isFree: (NodeID) -> Bool) -> Int? {
    let node = graph[id]
    switch node.op {
    case .convert, .unary, .binary, .compare, .select, .broadcastInDim, .reshape, .transpose,
      .reverse, .slice, .pad, .reduce, .concatenate, .dynamicSlice, .dynamicUpdateSlice:
      return node.operands.indices.first { position in
        !isFree(node.operands[position])
          && (node.op != .select || position > 0 || node.operands.count == 1)
      } ?? node.operands.indices.first { !isFree(node.operands[$0]) }
    case .parameter, .constant, .iota, .dotGeneral, .convolution, .gather, .scatterAdd:
      return nil
    }
  }

  /// The strategies of a node that chooses independently, in a fixed order.
  public func strategies(for id: NodeID) -> [ShardingStrategy] {
    let node = graph[id]
    switch node.op {
    case .parameter, .constant, .iota: return sourceStrategies(for: id)
    case .dotGeneral(let numbers): return dotStrategies(for: id, numbers)
    case .convolution(let attributes): return convolutionStrategies(for: id, attributes)
    case .gather(let numbers): return gatherStrategies(for: id, numbers)
    case .scatterAdd(let numbers): return scatterStrategies(for: id, numbers)
    default: return replicatedStrategies(for: id)
    }
  }

  /// One strategy per leader spec, aligned with `leaderSpecs`, for a node following operand
  /// `leader`.
  public func followerStrategies(
    for id: NodeID, leader: Int, leaderSpecs: [ShardingSpec]
  ) -> [ShardingStrategy] {
    leaderSpecs.map { followerStrategy(for: id, leader: leader, leaderSpec: $0) }
  }
}
