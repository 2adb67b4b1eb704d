import ShardlineIR
import ShardlineSharding
import Testing

/// A data-parallel sharding chosen without the ILP.
extension LoweringFixtures {
  /// A sharding of `graph` on `n0 × n1` chosen greedily in graph order: batch inputs split
  /// along dimension 0 over as many devices as divide it, other inputs replicated, followers
  /// following their leader, and every other op that decides for itself taking its cheapest
  /// strategy given its operands' specs (compute, its own collectives, and resharding its
  /// operands, as the cost model charges them).
  ///
  /// The ILP replicates the convolutions of models this small (communication costs more than
  /// it saves); this keeps the batch split through them, as data parallelism on a large batch
  /// would, so batch norms and pooling run on batch shards too.
  static func greedyDataParallel(_ graph: Graph, _ n0: Int, _ n1: Int) throws
    -> [ShardingStrategy?]
  {
    let context = context(graph, n0, n1)
    let mesh = context.shape
    let roles = Dictionary(uniqueKeysWithValues: graph.inputs.map { ($0.node, $0.role) })
    var free: Set<NodeID> = []
    var specs: [ShardingSpec] = []
    var decisions: [NodeID: FixedSharding.Decision] = [:]
    func cost(_ strategy: ShardingStrategy, of node: Node) -> Double {
      let resharding = zip(node.operands, strategy.operands).map { operand, required in
        let type = graph[operand].type
        return context.resharding(
          type, from: specs[operand.rawValue], to: required ?? .replicated(rank: type.rank)
        ).seconds
      }
      return strategy.computeSeconds + strategy.collectives.map(\.seconds).reduce(0, +)
        + resharding.reduce(0, +)
    }
    func batchDevices(_ strategy: ShardingStrategy) -> Int {
      let spec = strategy.output
      guard !spec.isPartial, spec.dims.dropFirst().allSatisfy(\.axes.isEmpty) else { return 0 }
      return mesh.devices(along: spec.dims.first?.axes ?? [])
    }
    for node in graph.nodes {
      if node.op != .parameter && node.operands.allSatisfy(free.contains) {
        free.insert(node.id)
        specs.append(.replicated(rank: node.type.rank))
        continue
      }
      let chosen: ShardingStrategy
      if let leader = context.leaderOperand(of: node.id, isFree: free.contains) {
        chosen =
          context.followerStrategies(
            for: node.id, leader: leader, leaderSpecs: [specs[node.operands[leader].rawValue]])[0]
      } else {
        let candidates = context.strategies(for: node.id)
        let best: ShardingStrategy?
        switch roles[node.id] {
        case .batch?: best = candidates.max { batchDevices($0) < batchDevices($1) }
        case .some: best = candidates.first { $0.output == .replicated(rank: node.type.rank) }
        case nil: best = candidates.min { cost($0, of: node) < cost($1, of: node) }
        }
        chosen = try #require(best)
        decisions[node.id] = FixedSharding.Decision(strategy: chosen.name, spec: chosen.output)
      }
      specs.append(chosen.output)
    }
    return try FixedSharding(context: context).strategies(deciding: decisions)
  }
}
