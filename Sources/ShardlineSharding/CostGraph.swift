import ShardlineIR
import ShardlineSolver

/// The graph the ILP is built from: groups of IR nodes that share one sharding decision, with
/// the cost of each choice, and resharding costs between groups.
///
/// Construction merges every follower (element-wise ops, reshapes, reductions, …) into the group
/// of the operand it follows, adding its cost and the cost of the edge between them to the
/// group's cost vector: the decision of the leader fixes the follower's (Alpa §4.2). Constants,
/// iota and values computed only from them are *free*: each device materializes them in whatever
/// layout their consumer wants, so they take no decision at all.
public struct CostGraph: Sendable {
  /// One IR node inside a group, with its strategy for each of the group's choices.
  public struct Member: Sendable {
    /// The IR node.
    public var node: NodeID
    /// Its strategy for each group choice (all members' lists are aligned).
    public var strategies: [ShardingStrategy]
  }

  /// One decision of the ILP.
  public struct Group: Sendable {
    /// The IR nodes deciding together; the first is the leader.
    public var members: [Member]
    /// Total cost of each choice, in seconds: members' compute and communication plus the
    /// resharding between members.
    public var costs: [Double]
    /// The number of choices.
    public var choiceCount: Int { costs.count }
  }

  /// An IR edge between two groups: `operand` of `consumer` reads `producer`.
  public struct Use: Sendable, Hashable {
    /// The IR node producing the value.
    public var producer: NodeID
    /// The IR node reading it.
    public var consumer: NodeID
    /// Which operand of the consumer it is.
    public var operand: Int
  }

  /// Resharding costs between two groups' choices, summed over every IR edge between them.
  public struct Edge: Sendable {
    /// The producing group.
    public var from: Int
    /// The consuming group.
    public var to: Int
    /// Cost when `from` picks `i` and `to` picks `j`, at `i * toCount + j`, in seconds.
    public var costs: [Double]
    /// The IR edges this edge stands for.
    public var uses: [Use]
  }

  /// The decisions.
  public internal(set) var groups: [Group] = []
  /// Resharding between decisions.
  public internal(set) var edges: [Edge] = []
  /// The group and member position of each IR node that takes part (free nodes have none).
  public internal(set) var owner: [NodeID: (group: Int, member: Int)] = [:]
  /// IR nodes materialized locally in any layout.
  public internal(set) var freeNodes: Set<NodeID> = []
  /// Size of the problem before follower merging: (decisions, edges, variables).
  public internal(set) var unmergedSize: (nodes: Int, edges: Int, variables: Int) = (0, 0, 0)

  /// The strategy an IR node takes when its group picks `choice`.
  public func strategy(of node: NodeID, choice: Int) -> ShardingStrategy? {
    guard let (group, member) = owner[node] else { return nil }
    return groups[group].members[member].strategies[choice]
  }
}
