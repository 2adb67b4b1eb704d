import ShardlineIR
import ShardlineSharding

/// The strategies one op of a stage could take, each priced with the rest of the stage fixed.
extension StageInspection {
  /// Every strategy op `node` could take, cheapest first, each priced with everything else in
  /// the stage fixed.
  ///
  /// An op that decides on its own could take any of its strategies; a follower any strategy
  /// its leader operand's layouts give it (every non-partial spec of the leader, and the one it
  /// has). Strategies with the same name and result spec are listed once (the chosen one, or
  /// the cheapest).
  ///
  /// - Parameter node: An operator's node in the whole graph.
  /// - Returns: Sorted by ``OperatorAlternative/objectiveSeconds``, ties by strategy name then
  ///   spec; exactly one is chosen. Empty when `node` is not one of ``operators``.
  /// - Complexity: One strategy enumeration of the op, and a resharding per candidate and
  ///   operand or use.
  public func alternatives(for node: NodeID) -> [OperatorAlternative] {
    guard let local = sliceNode(ofOperator: node), let current = chosen[local.rawValue] else {
      return []
    }
    var candidates = [current]
    if let leader = leaderOperand(of: local) {
      let producer = context.graph[local].operands[leader]
      let specs = context.allSpecs(for: context.graph[producer].type.shape)
      candidates += context.followerStrategies(for: local, leader: leader, leaderSpecs: specs)
    } else {
      candidates += context.strategies(for: local)
    }
    var alternatives: [OperatorAlternative] = []
    var position: [String: Int] = [:]
    for (index, candidate) in candidates.enumerated() {
      let priced = price(candidate, of: local, isChosen: index == 0)
      let key = "\(candidate.name)|\(candidate.output)"
      guard let existing = position[key] else {
        position[key] = alternatives.count
        alternatives.append(priced)
        continue
      }
      if !alternatives[existing].isChosen
        && priced.objectiveSeconds < alternatives[existing].objectiveSeconds
      {
        alternatives[existing] = priced
      }
    }
    return alternatives.sorted {
      ($0.objectiveSeconds, $0.strategy, $0.spec.description)
        < ($1.objectiveSeconds, $1.strategy, $1.spec.description)
    }
  }

  /// `strategy` for slice node `local`, with its producers' and consumers' strategies fixed.
  private func price(
    _ strategy: ShardingStrategy, of local: NodeID, isChosen: Bool
  ) -> OperatorAlternative {
    let graph = context.graph
    let node = graph[local]
    var operandSeconds = 0.0
    for (position, operand) in node.operands.enumerated() {
      guard let required = strategy.operands[position], let producer = chosen[operand.rawValue]
      else {
        continue
      }
      operandSeconds +=
        context.resharding(graph[operand].type, from: producer.output, to: required).seconds
    }
    var resultSeconds = 0.0
    var weightedResultSeconds = 0.0
    var previous: NodeID?
    for user in users[local.rawValue] where user != previous {
      previous = user
      guard let consumer = chosen[user.rawValue] else { continue }
      let weight = CostGraph.objectiveWeight(of: graph[user], options: context.options)
      for (position, operand) in graph[user].operands.enumerated() where operand == local {
        guard let required = consumer.operands[position] else { continue }
        let seconds = context.resharding(node.type, from: strategy.output, to: required).seconds
        resultSeconds += seconds
        weightedResultSeconds += weight * seconds
      }
    }
    let own = strategy.computeSeconds + strategy.communicationSeconds + operandSeconds
    let weight = CostGraph.objectiveWeight(of: node, options: context.options)
    return OperatorAlternative(
      strategy: strategy.name, spec: strategy.output, computeSeconds: strategy.computeSeconds,
      communicationSeconds: strategy.communicationSeconds,
      operandReshardingSeconds: operandSeconds, resultReshardingSeconds: resultSeconds,
      totalSeconds: own + resultSeconds, objectiveSeconds: weight * own + weightedResultSeconds,
      isChosen: isChosen)
  }
}
