import ShardlineIR
import ShardlineSharding

/// Every op of one stage as the evaluator prices it: what the explorer's stage table lists.
///
/// ``PlanEvaluator/inspect(_:stage:)`` builds it from the slice, mesh, options and decisions the
/// evaluator costs the stage with, so the operators add up to the stage's figures: over forward
/// ops, compute plus communication is the stage's forward time per microbatch; over backward
/// ops, its backward time (under rematerialization the backward also runs the forward again);
/// over update ops, its update time before cross-stage transfers.
///
/// It keeps the stage's sharding context and every op's strategy, so ``alternatives(for:)`` and
/// ``reason(for:)`` price one op's choices without redoing the stage.
public struct StageInspection: Sendable {
  /// One op of the stage.
  public struct Operator: Sendable, Hashable {
    /// The node in the whole per-microbatch training graph.
    public var node: NodeID
    /// Its scope name, such as `block3/attn/qkv/dot_general`.
    public var name: String
    /// Its result type, such as `f16[16,1024,2560]`.
    public var type: String
    /// The result's shape.
    public var shape: [Int]
    /// Forward, backward or update.
    public var phase: Phase
    /// The plan layer it belongs to.
    public var layer: Int
    /// The chosen strategy's name, such as `SR = SR × RR`.
    public var strategy: String
    /// The chosen result spec.
    public var spec: ShardingSpec
    /// Local compute on one device, in seconds per microbatch (update ops: per iteration).
    public var computeSeconds: Double
    /// The op's own collectives plus the resharding of its operands, in seconds per microbatch
    /// (update ops: per iteration).
    public var communicationSeconds: Double
    /// The op's own collectives and the resharding of its operands, in the order they run.
    public var collectives: [Collective]
    /// Bytes of the result on one device.
    public var outputBytesPerDevice: Double
    /// Whether its leader operand decides its strategy (it has no choice of its own in the ILP).
    public var isFollower: Bool
    /// Whether the plan pins its strategy (``PlanOp/pinned``).
    public var isPinned: Bool
  }

  /// The stage's index in the plan.
  public var stage: Int
  /// The stage's ops that take a decision, in node order (the values the stage reads from
  /// other stages are not among them).
  public var operators: [Operator]

  /// The stage's slice of the training graph.
  public let slice: GraphSlice
  /// The slice on the stage's mesh, with the plan's options.
  let context: ShardingContext
  /// The strategy of each slice node, by slice node id; `nil` for free nodes (constants and
  /// what is computed from them alone).
  public let chosen: [ShardingStrategy?]
  /// The users of each slice node.
  let users: [[NodeID]]
  /// The position in ``operators`` of each whole-graph node.
  let operatorIndex: [NodeID: Int]

  /// Lists the ops of `slice` under `chosen`, its strategies on `context` (as
  /// ``FixedSharding/strategies(deciding:)`` gives them).
  ///
  /// - Parameters:
  ///   - layerOfNode: The plan layer of each whole-graph node.
  ///   - pinned: The whole-graph nodes whose strategy the plan pins.
  init(
    stage: Int, slice: GraphSlice, context: ShardingContext, chosen: [ShardingStrategy?],
    layerOfNode: [Int], pinned: Set<NodeID>
  ) {
    self.stage = stage
    self.slice = slice
    self.context = context
    self.chosen = chosen
    users = slice.graph.users()
    let boundary = Set(slice.boundaryInputs)
    let isFree = { (id: NodeID) in chosen[id.rawValue] == nil }
    var operators: [Operator] = []
    var operatorIndex: [NodeID: Int] = [:]
    for op in FixedSharding(context: context).plan(of: chosen).ops
    where !boundary.contains(op.node) {
      let node = slice.graph[op.node]
      let whole = slice.wholeGraphNodes[op.node.rawValue]
      operatorIndex[whole] = operators.count
      operators.append(
        Operator(
          node: whole, name: op.name, type: op.type, shape: node.type.shape, phase: node.phase,
          layer: layerOfNode[whole.rawValue], strategy: op.strategy, spec: op.spec,
          computeSeconds: op.computeSeconds, communicationSeconds: op.communicationSeconds,
          collectives: op.collectives, outputBytesPerDevice: op.outputBytesPerDevice,
          isFollower: context.leaderOperand(of: op.node, isFree: isFree) != nil,
          isPinned: pinned.contains(whole)))
    }
    self.operators = operators
    self.operatorIndex = operatorIndex
  }

  /// The slice node of operator `node` (a whole-graph id), or `nil` when it is not one of
  /// ``operators``.
  func sliceNode(ofOperator node: NodeID) -> NodeID? {
    operatorIndex[node] == nil ? nil : slice.sliceNodes[node]
  }

  /// The operand position slice node `local` follows, or `nil` when it decides on its own.
  func leaderOperand(of local: NodeID) -> Int? {
    context.leaderOperand(of: local, isFree: { chosen[$0.rawValue] == nil })
  }
}
