import ShardlineIR

/// Strategies of graph inputs and literals, and the all-replicated fallback.
extension ShardingContext {
  /// One strategy per spec of ``allSpecs(for:)`` (replicated first), each named by its spec,
  /// with no compute and no communication: a parameter or batch input is simply stored in that
  /// layout, and a constant or iota is materialized in it locally.
  func sourceStrategies(for id: NodeID) -> [ShardingStrategy] {
    let type = graph[id].type
    return allSpecs(for: type.shape).map { spec in
      ShardingStrategy(
        name: spec.description, output: spec, operands: [], computeSeconds: 0,
        outputBytesPerDevice: bytesPerDevice(type, spec))
    }
  }

  /// The single strategy that replicates the result and every operand and runs the whole op
  /// on every device, for ops no rule splits.
  func replicatedStrategies(for id: NodeID) -> [ShardingStrategy] {
    let node = graph[id]
    let output = ShardingSpec.replicated(rank: node.type.rank)
    return [
      ShardingStrategy(
        name: output.description, output: output,
        operands: node.operands.map { .replicated(rank: graph[$0].type.rank) },
        computeSeconds: computeSeconds(of: id, workShards: 1),
        outputBytesPerDevice: bytesPerDevice(node.type, output))
    ]
  }
}
