import ShardlineIR

/// Building the cost graph from a graph and a context, with an optional filter on the choices of
/// groups that decide independently (pins and forced modes).
extension CostGraph {
  /// Decides which strategies an independently deciding node may take.
  public typealias StrategyFilter = (NodeID, ShardingStrategy) -> Bool

  /// Builds the cost graph of `context.graph`.
  ///
  /// - Parameter allows: Restricts the choices of nodes that decide independently; a node whose
  ///   every strategy is refused keeps all of them (the caller reports that as a conflict).
  public init(context: ShardingContext, allows: StrategyFilter = { _, _ in true }) {
    let graph = context.graph
    freeNodes = Self.freeNodes(in: graph)
    var edgeIndex: [Pair: Int] = [:]
    for node in graph.nodes where !freeNodes.contains(node.id) {
      let weight = Self.objectiveWeight(of: node, options: context.options)
      let isFree = { (id: NodeID) in self.freeNodes.contains(id) }
      if let leader = context.leaderOperand(of: node.id, isFree: isFree),
        let (group, member) = owner[node.operands[leader]]
      {
        let leaderSpecs = groups[group].members[member].strategies.map(\.output)
        let strategies = context.followerStrategies(
          for: node.id, leader: leader, leaderSpecs: leaderSpecs)
        owner[node.id] = (group, groups[group].members.count)
        groups[group].members.append(Member(node: node.id, strategies: strategies))
        for choice in strategies.indices {
          groups[group].costs[choice] += weight * strategies[choice].seconds
        }
        unmergedSize.nodes += 1
        unmergedSize.edges += 1
        unmergedSize.variables += strategies.count * (1 + leaderSpecs.count)
      } else {
        var strategies = context.strategies(for: node.id)
        let allowed = strategies.filter { allows(node.id, $0) }
        if !allowed.isEmpty { strategies = allowed }
        owner[node.id] = (groups.count, 0)
        groups.append(
          Group(
            members: [Member(node: node.id, strategies: strategies)],
            costs: strategies.map { weight * $0.seconds }))
        unmergedSize.nodes += 1
        unmergedSize.variables += strategies.count
      }
      connectOperands(of: node, context: context, edgeIndex: &edgeIndex)
    }
  }

  private struct Pair: Hashable {
    let from: Int
    let to: Int
  }

  /// Adds the resharding of every non-free operand of `node`: to its own group's costs when the
  /// producer is in the same group, to an edge otherwise.
  private mutating func connectOperands(
    of node: Node, context: ShardingContext, edgeIndex: inout [Pair: Int]
  ) {
    let (group, member) = owner[node.id]!
    let consumer = groups[group].members[member].strategies
    let weight = Self.objectiveWeight(of: node, options: context.options)
    for (position, operand) in node.operands.enumerated() where !freeNodes.contains(operand) {
      guard let (producerGroup, producerMember) = owner[operand] else { continue }
      let type = context.graph[operand].type
      let producer = groups[producerGroup].members[producerMember].strategies
      let use = Use(producer: operand, consumer: node.id, operand: position)
      if producerGroup == group {
        for choice in consumer.indices {
          guard let required = consumer[choice].operands[position] else { continue }
          groups[group].costs[choice] +=
            weight * context.resharding(type, from: producer[choice].output, to: required).seconds
        }
        continue
      }
      let pair = Pair(from: producerGroup, to: group)
      let index: Int
      if let existing = edgeIndex[pair] {
        index = existing
      } else {
        index = edges.count
        edgeIndex[pair] = index
        edges.append(
          Edge(
            from: producerGroup, to: group,
            costs: Array(repeating: 0, count: producer.count * consumer.count), uses: []))
      }
      edges[index].uses.append(use)
      unmergedSize.edges += 1
      unmergedSize.variables += producer.count * consumer.count
      for i in producer.indices {
        for j in consumer.indices {
          guard let required = consumer[j].operands[position] else { continue }
          edges[index].costs[i * consumer.count + j] +=
            weight * context.resharding(type, from: producer[i].output, to: required).seconds
        }
      }
    }
  }

  /// How much `node`'s time counts in the objective (``ShardingOptions/updateCostWeight``).
  public static func objectiveWeight(of node: Node, options: ShardingOptions) -> Double {
    node.phase == .update ? options.updateCostWeight : 1
  }

  /// Constants, iota, and every non-parameter node all of whose operands are free.
  static func freeNodes(in graph: Graph) -> Set<NodeID> {
    var free = Set<NodeID>()
    for node in graph.nodes {
      switch node.op {
      case .constant, .iota:
        free.insert(node.id)
      case .parameter:
        continue
      default:
        if !node.operands.isEmpty && node.operands.allSatisfy(free.contains) {
          free.insert(node.id)
        }
      }
    }
    return free
  }
}
