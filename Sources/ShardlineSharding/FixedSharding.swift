import ShardlineIR

/// Costs a sharding that is already decided (a saved or hand-edited plan) without solving
/// anything: each op's strategy is looked up by name, followers take the strategy that matches
/// their leader's spec, and operands are resharded from their producer's spec to what the
/// strategy needs, exactly as the ILP would have charged it.
///
/// This is what lets a plan be re-costed on every keystroke: no cost graph, no solver, one
/// strategy enumeration per independently deciding op.
public struct FixedSharding: Sendable {
  /// One op's decision, as a plan records it.
  public struct Decision: Sendable, Hashable, Codable {
    /// The strategy's name, such as `SR = SR × RR`.
    public var strategy: String
    /// The op's result spec.
    public var spec: ShardingSpec

    /// Creates a decision.
    public init(strategy: String, spec: ShardingSpec) {
      self.strategy = strategy
      self.spec = spec
    }
  }

  /// The graph, mesh and options.
  public let context: ShardingContext

  /// Creates an evaluator.
  public init(context: ShardingContext) { self.context = context }

  /// Costs `decisions` (one per op that takes a decision: every op but constants, iota and
  /// what is computed from them alone).
  ///
  /// A follower without a decision takes the strategy that follows its leader's spec; one with
  /// a decision its leader's spec does not give keeps it (when some leader layout gives it) and
  /// pays the resharding of its leader operand.
  /// - Returns: The plan, with no alternatives and a solver report that says it was given.
  /// - Throws: ``ShardingError/unknownOp(name:reason:)`` for an op with no decision that needs
  ///   one, ``ShardingError/invalidPin(op:spec:available:)`` for a strategy the op does not have.
  public func evaluate(_ decisions: [NodeID: Decision]) throws(ShardingError) -> IntraOpPlan {
    plan(of: try strategies(deciding: decisions))
  }

  /// The strategy each node takes under `decisions`, by node id; `nil` for the free nodes
  /// (constants, iota and what is computed from them alone), which take none.
  ///
  /// - Throws: As ``evaluate(_:)``.
  /// - Complexity: One strategy enumeration per independently deciding node.
  public func strategies(
    deciding decisions: [NodeID: Decision]
  ) throws(ShardingError) -> [ShardingStrategy?] {
    let graph = context.graph
    let free = CostGraph.freeNodes(in: graph)
    var chosen = [ShardingStrategy?](repeating: nil, count: graph.nodes.count)
    var enumerated: [Signature: [ShardingStrategy]] = [:]
    for node in graph.nodes where !free.contains(node.id) {
      chosen[node.id.rawValue] = try strategy(
        of: node, decisions: decisions, chosen: chosen, free: free, enumerated: &enumerated)
    }
    return chosen
  }

  /// What an independently deciding node's strategies depend on besides the context: its op,
  /// result type and operand types. Repeated layers repeat signatures, so each is enumerated
  /// once.
  private struct Signature: Hashable {
    var op: Op
    var type: TensorType
    var operandTypes: [TensorType]

    init(of node: Node, in graph: Graph) {
      op = node.op
      type = node.type
      operandTypes = node.operands.map { graph[$0].type }
    }
  }

  /// Costs `chosen`, a strategy per node as ``strategies(deciding:)`` gives: each op's compute,
  /// its own collectives and the resharding of its operands from their producers' specs.
  ///
  /// - Returns: The plan, with no alternatives and a solver report that says it was given.
  public func plan(of chosen: [ShardingStrategy?]) -> IntraOpPlan {
    let graph = context.graph
    var ops: [IntraOpPlan.OpDecision] = []
    var compute = 0.0
    var communication = 0.0
    for node in graph.nodes {
      guard let strategy = chosen[node.id.rawValue] else { continue }
      var collectives = strategy.collectives
      for (position, operand) in node.operands.enumerated() {
        guard let required = strategy.operands[position], let producer = chosen[operand.rawValue]
        else {
          continue
        }
        collectives +=
          context.resharding(graph[operand].type, from: producer.output, to: required).collectives
      }
      let seconds = collectives.reduce(0) { $0 + $1.seconds }
      compute += strategy.computeSeconds
      communication += seconds
      ops.append(
        IntraOpPlan.OpDecision(
          node: node.id, name: node.name, type: node.type.description, strategy: strategy.name,
          spec: strategy.output, computeSeconds: strategy.computeSeconds,
          communicationSeconds: seconds, collectives: collectives,
          outputBytesPerDevice: strategy.outputBytesPerDevice, alternatives: []))
    }
    return IntraOpPlan(
      mesh: context.shape, ops: ops, computeSeconds: compute, communicationSeconds: communication,
      peakMemoryBytesPerDevice: Self.peakBytes(in: graph, ops: ops),
      solver: IntraOpPlan.SolverReport(
        status: "given", seconds: 0, costGraphSeconds: 0, solverSeconds: 0, unmergedNodes: 0,
        unmergedEdges: 0, unmergedVariables: 0, nodes: 0, edges: 0, memoryRows: 0, variables: 0,
        constraints: 0, presolvedVariables: 0, presolvedConstraints: 0))
  }

  private func strategy(
    of node: Node, decisions: [NodeID: Decision], chosen: [ShardingStrategy?], free: Set<NodeID>,
    enumerated: inout [Signature: [ShardingStrategy]]
  ) throws(ShardingError) -> ShardingStrategy {
    let decision = decisions[node.id]
    if let leader = context.leaderOperand(of: node.id, isFree: free.contains),
      let leaderStrategy = chosen[node.operands[leader].rawValue]
    {
      let follower = context.followerStrategy(
        for: node.id, leader: leader, leaderSpec: leaderStrategy.output)
      guard let decision, decision.spec != follower.output || decision.strategy != follower.name
      else { return follower }
      // The decision was made where the leader had another layout (a slice solved on its own,
      // with this operand as a free input): keep it and reshard the operand to what it needs,
      // as the ILP charges an independent op. A decision no leader layout gives is ignored.
      let leaderShape = context.graph[node.operands[leader]].type.shape
      for spec in context.allSpecs(for: leaderShape) {
        let candidate = context.followerStrategy(for: node.id, leader: leader, leaderSpec: spec)
        if candidate.output == decision.spec && candidate.name == decision.strategy {
          return candidate
        }
      }
      return follower
    }
    guard let decision else {
      throw .unknownOp(name: node.name, reason: "the plan gives it no sharding")
    }
    let signature = Signature(of: node, in: context.graph)
    let strategies = enumerated[signature] ?? context.strategies(for: node.id)
    enumerated[signature] = strategies
    if let match = strategies.first(where: {
      $0.name == decision.strategy && $0.output == decision.spec
    }) {
      return match
    }
    throw .invalidPin(
      op: node.name, spec: "\(decision.spec) (\(decision.strategy))",
      available: strategies.map { "\($0.output) (\($0.name))" })
  }

  /// Peak per-device bytes alive, with the liveness rules of the ILP's memory rows.
  static func peakBytes(in graph: Graph, ops: [IntraOpPlan.OpDecision]) -> Double {
    let last = CostGraph.lastUses(in: graph)
    let persistent = Set(graph.inputs.filter { $0.role != .batch }.map(\.node))
    var delta = Array(repeating: 0.0, count: graph.nodes.count + 2)
    for op in ops {
      delta[persistent.contains(op.node) ? 0 : op.node.rawValue] += op.outputBytesPerDevice
      delta[last[op.node.rawValue] + 1] -= op.outputBytesPerDevice
    }
    var live = 0.0
    var peak = 0.0
    for position in graph.nodes.indices {
      live += delta[position]
      peak = max(peak, live)
    }
    return peak
  }
}
