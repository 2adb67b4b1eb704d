import ShardlineIR
import ShardlineSolver

/// The result of the intra-operator pass: every op's sharding on one logical mesh, what it costs,
/// and the alternatives that were weighed.
public struct IntraOpPlan: Sendable, Codable {
  /// One op's decision.
  public struct OpDecision: Sendable, Codable {
    /// The IR node.
    public var node: NodeID
    /// Its scope name.
    public var name: String
    /// Its result type, as `f32[8,1024]`.
    public var type: String
    /// The chosen strategy's name.
    public var strategy: String
    /// The chosen result sharding.
    public var spec: ShardingSpec
    /// Local compute time, in seconds.
    public var computeSeconds: Double
    /// The op's own collectives' time plus the resharding of its operands, in seconds.
    public var communicationSeconds: Double
    /// The op's own collectives and the resharding of its operands.
    public var collectives: [Collective]
    /// Bytes of the result per device.
    public var outputBytesPerDevice: Double
    /// Every strategy the ILP could give this op's group, with the change of the total
    /// objective if the group took it with everything else fixed (0 for the chosen one).
    public var alternatives: [Alternative]
  }

  /// A strategy the op could have had.
  public struct Alternative: Sendable, Codable {
    /// The strategy's name.
    public var strategy: String
    /// Its result sharding.
    public var spec: ShardingSpec
    /// The op's own compute and communication under it, in seconds.
    public var opSeconds: Double
    /// Change of the plan's total time if the op's group switched to it, in seconds.
    public var deltaSeconds: Double
  }

  /// How the ILP went.
  public struct SolverReport: Sendable, Codable {
    /// `optimal`, `feasible within gap …`, `time-limited …`.
    public var status: String
    /// Wall time of the whole pass (cost graph, ILP, plan), in seconds.
    public var seconds: Double
    /// Of which building the cost graph, in seconds.
    public var costGraphSeconds: Double
    /// Of which the ILP solver, in seconds.
    public var solverSeconds: Double
    /// Decisions before follower merging.
    public var unmergedNodes: Int
    /// Edges before follower merging.
    public var unmergedEdges: Int
    /// Binary variables the unmerged problem would have.
    public var unmergedVariables: Int
    /// Decisions after merging, as handed to the solver.
    public var nodes: Int
    /// Edges after merging (all-zero edges dropped).
    public var edges: Int
    /// Memory rows.
    public var memoryRows: Int
    /// Variables and constraints of the formulation, before the solver's presolve.
    public var variables: Int
    public var constraints: Int
    /// Variables and constraints left after presolve (pins substituted, leaves eliminated).
    public var presolvedVariables: Int
    public var presolvedConstraints: Int
  }

  /// The logical mesh.
  public var mesh: MeshShape
  /// Every op that takes a decision, in node order.
  public var ops: [OpDecision]
  /// Sum of local compute times, in seconds.
  public var computeSeconds: Double
  /// Sum of all communication (ops' own and resharding), in seconds.
  public var communicationSeconds: Double
  /// Largest per-device bytes alive at any point of the step.
  public var peakMemoryBytesPerDevice: Double
  /// The solver's account.
  public var solver: SolverReport

  /// Estimated time of one step on the mesh (ops run one after another), in seconds.
  public var totalSeconds: Double { computeSeconds + communicationSeconds }

  /// Every collective of the plan, in op order.
  public var collectives: [Collective] { ops.flatMap(\.collectives) }

  /// The decision for the op named `name`.
  public func op(named name: String) -> OpDecision? { ops.first { $0.name == name } }
}
