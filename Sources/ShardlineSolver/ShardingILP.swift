/// The intra-operator sharding problem as a solver sees it: indices and cost vectors only.
///
/// Alpa's formulation (Zheng et al., OSDI 2022, §4.2): every node `v` picks exactly one of its
/// strategies (a one-hot vector `s_v`), and the objective is
/// `Σ_v s_vᵀ c_v + Σ_(u,v) s_uᵀ R_uv s_v`, node costs plus resharding costs on edges. Aliases
/// force two nodes with aligned strategy lists to pick the same index; memory rows bound
/// `Σ_v s_vᵀ m_v` at chosen liveness points.
public struct ShardingILP: Sendable, Hashable {
  /// One decision: a strategy index in `0..<costs.count`.
  public struct Node: Sendable, Hashable {
    /// Cost of each strategy (compute plus communication), in seconds.
    public var costs: [Double]
    /// A strategy the caller fixed, or `nil` to let the solver choose.
    public var pinned: Int?
    /// A name for messages (`block3/mlp/fc1/dot_general`).
    public var label: String

    /// Creates a node.
    public init(costs: [Double], pinned: Int? = nil, label: String = "") {
      self.costs = costs
      self.pinned = pinned
      self.label = label
    }
  }

  /// A resharding cost between the choices of two nodes.
  public struct Edge: Sendable, Hashable {
    /// The producing node's index.
    public var from: Int
    /// The consuming node's index.
    public var to: Int
    /// Cost when `from` picks `i` and `to` picks `j`, at `i * nodes[to].costs.count + j`, in
    /// seconds.
    public var costs: [Double]

    /// Creates an edge.
    public init(from: Int, to: Int, costs: [Double]) {
      self.from = from
      self.to = to
      self.costs = costs
    }
  }

  /// Two nodes with equally many strategies that must pick the same index (a parameter and its
  /// updated value, which the next step reads in the same sharding).
  public struct Alias: Sendable, Hashable {
    /// One node's index.
    public var first: Int
    /// The other node's index.
    public var second: Int

    /// Creates an alias.
    public init(first: Int, second: Int) {
      self.first = first
      self.second = second
    }
  }

  /// A per-device memory bound at one point of the step: `Σ_(v, m) s_vᵀ m ≤ budget`.
  public struct MemoryRow: Sendable, Hashable {
    /// Bytes per strategy of each node alive at this point; a node may appear once.
    public var terms: [Term]
    /// The bound, in bytes per device.
    public var budgetBytes: Double
    /// What the point is (`after block3/mlp/fc2/dot_general`), for infeasibility messages.
    public var label: String

    /// One node's contribution to a memory row.
    public struct Term: Sendable, Hashable {
      /// The node's index.
      public var node: Int
      /// Bytes per device for each of the node's strategies.
      public var bytes: [Double]

      /// Creates a term.
      public init(node: Int, bytes: [Double]) {
        self.node = node
        self.bytes = bytes
      }
    }

    /// Creates a memory row.
    public init(terms: [Term], budgetBytes: Double, label: String) {
      self.terms = terms
      self.budgetBytes = budgetBytes
      self.label = label
    }
  }

  /// The decisions.
  public var nodes: [Node]
  /// Resharding costs between decisions.
  public var edges: [Edge]
  /// Pairs of decisions forced equal.
  public var aliases: [Alias]
  /// Per-device memory bounds.
  public var memoryRows: [MemoryRow]

  /// Creates a problem.
  public init(
    nodes: [Node], edges: [Edge] = [], aliases: [Alias] = [], memoryRows: [MemoryRow] = []
  ) {
    self.nodes = nodes
    self.edges = edges
    self.aliases = aliases
    self.memoryRows = memoryRows
  }
}
