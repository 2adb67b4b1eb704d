import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding

/// How often a value crosses from one stage to another in an iteration.
enum TransferFrequency: Hashable, Sendable {
  /// Once per microbatch: an activation forward, or its gradient backward.
  case perMicrobatch
  /// Once per iteration, when first available: a value that does not depend on the batch (a
  /// tied weight read by a later stage).
  case once
  /// Once per iteration, after the last backward: a gradient contribution that only adds up into
  /// a parameter's gradient, averaged over the microbatches where it is produced.
  case accumulated
}

/// A value one stage sends another: from the producer's slice node to the consumer's boundary
/// input, tile by tile as the plan's cross-mesh resharding routes it.
struct StageTransfer: Hashable, Sendable {
  /// The transfer's number in the plan, which its message tags derive from.
  var index: Int
  /// The producing stage and its slice node.
  var source: Int
  var sourceNode: NodeID
  /// The consuming stage and its boundary input.
  var target: Int
  var targetNode: NodeID
  /// When it moves.
  var frequency: TransferFrequency
  /// The messages that move it, from the producer's completed spec (partial sums resolved on
  /// the source mesh) to the consumer's spec without its partial axes.
  var route: CrossMeshRoute
}

/// One stage's slice split into the tasks an iteration runs: the forward and the backward of
/// each microbatch, then the update once.
///
/// Forward and backward ops run per microbatch. The update task runs the update ops, the
/// gradient sums that read a contribution another stage sends once per iteration ("late" sums,
/// which by linearity may add the microbatch means instead of each microbatch's terms), and the
/// batch-independent values they need (recomputed). Every per-microbatch value the update task
/// reads is accumulated over the microbatches and divided by their count: the training graph's
/// loss is a mean over its batch, so the mean of the microbatch gradients is the full batch's.
struct StageTasks: Sendable {
  /// The stage's index in the plan.
  let stage: Int
  /// The stage's slice, strategies, mesh and devices.
  let lowering: SPMDLowering
  /// The local op of each slice node (`nil` for inputs).
  let localNodes: [Node?]
  /// For each slice node, the whole-graph node it stands for.
  let wholeNodes: [NodeID]
  /// Parameter and optimizer-state inputs with their position among the whole graph's inputs.
  let persistentInputs: [(node: NodeID, wholeInput: Int)]
  /// Batch inputs with their position among the whole graph's inputs.
  let batchInputs: [(node: NodeID, wholeInput: Int)]
  /// Each boundary input's transfer into this stage.
  let receives: [NodeID: StageTransfer]
  /// The transfers out of this stage, by producing slice node.
  let sends: [NodeID: [StageTransfer]]
  /// Ops run in each microbatch's forward, backward, and in the update, ascending.
  let forward: [NodeID]
  let backward: [NodeID]
  let update: [NodeID]
  /// The update's ops that do not also run per microbatch.
  let onlyInUpdate: Set<NodeID>
  /// Per-microbatch values whose mean over the microbatches the update reads or sends.
  let accumulated: Set<NodeID>
  /// Values of a microbatch's forward that its backward reads.
  let keptForBackward: Set<NodeID>
  /// The slice's loss output, if the stage computes the loss.
  let loss: NodeID?
  /// The slice's updated parameters and optimizer state.
  let updates: [NodeID]

  /// Splits stage `stage` of a plan.
  ///
  /// - Parameters:
  ///   - slice: The stage's slice, with `strategies` its strategies on `mesh` over `devices`.
  ///   - transfers: Every transfer of the plan.
  ///   - classes: The whole graph's value classes.
  ///   - wholeInputs: The position of each whole-graph input node among the graph's inputs.
  /// - Throws: ``PlanRunError`` for a slice the pipeline cannot run, ``LoweringError`` for an op
  ///   the lowering cannot localize.
  init(
    stage: Int, slice: GraphSlice, strategies: [ShardingStrategy?], mesh: MeshShape,
    devices: [DeviceID], transfers: [StageTransfer], classes: ValueClasses,
    wholeInputs: [NodeID: Int]
  ) throws {
    let graph = slice.graph
    self.stage = stage
    lowering = try SPMDLowering(
      graph: graph, strategies: strategies, mesh: mesh, devices: devices)
    localNodes = try lowering.localizedNodes()
    wholeNodes = slice.wholeGraphNodes
    let boundary = Set(slice.boundaryInputs)
    var persistent: [(NodeID, Int)] = []
    var batch: [(NodeID, Int)] = []
    for input in graph.inputs where !boundary.contains(input.node) {
      let position = wholeInputs[wholeNodes[input.node.rawValue]]!
      if input.role == .batch {
        batch.append((input.node, position))
      } else {
        persistent.append((input.node, position))
      }
    }
    persistentInputs = persistent
    batchInputs = batch
    let receives = Dictionary(
      uniqueKeysWithValues: transfers.filter { $0.target == stage }.map { ($0.targetNode, $0) })
    let sends = Dictionary(grouping: transfers.filter { $0.source == stage }, by: \.sourceNode)
    self.receives = receives
    self.sends = sends

    var isLate = Set<NodeID>()
    var inUpdate = Set<NodeID>()
    for node in graph.nodes where node.op != .parameter {
      let whole = wholeNodes[node.id.rawValue]
      let readsLate = node.operands.contains {
        isLate.contains($0) || receives[$0]?.frequency == .accumulated
      }
      if node.phase == .update {
        inUpdate.insert(node.id)
      } else if classes.accumulatesGradient[whole.rawValue] && readsLate {
        isLate.insert(node.id)
        inUpdate.insert(node.id)
      }
    }
    // Batch-independent values the update reads are recomputed there (and still computed per
    // microbatch when the forward or backward reads them too).
    let perMicrobatchOps = graph.nodes.filter { $0.op != .parameter && !inUpdate.contains($0.id) }
    for node in perMicrobatchOps
    where node.operands.contains(where: { receives[$0]?.frequency == .accumulated }) {
      throw PlanRunError.unsupported(
        stage: stage,
        reason: "'\(node.name)' reads a gradient sum in every microbatch that arrives once")
    }
    for node in graph.nodes.reversed() where inUpdate.contains(node.id) {
      for operand in node.operands
      where graph[operand].op != .parameter
        && classes.perIteration[wholeNodes[operand.rawValue].rawValue]
      {
        inUpdate.insert(operand)
      }
    }
    forward = perMicrobatchOps.filter { $0.phase == .forward }.map(\.id)
    backward = perMicrobatchOps.filter { $0.phase != .forward }.map(\.id)
    update = graph.nodes.filter { inUpdate.contains($0.id) }.map(\.id)
    onlyInUpdate = inUpdate.subtracting(perMicrobatchOps.map(\.id))

    var accumulated = Set<NodeID>()
    for id in update {
      for operand in graph[id].operands where !inUpdate.contains(operand) {
        let isInput = graph[operand].op == .parameter
        if !isInput || receives[operand]?.frequency == .perMicrobatch
          || batch.contains(where: { $0.0 == operand })
        {
          accumulated.insert(operand)
        }
      }
    }
    for (node, outgoing) in sends
    where outgoing.contains(where: { $0.frequency == .accumulated }) && !inUpdate.contains(node) {
      accumulated.insert(node)
    }
    self.accumulated = accumulated
    keptForBackward = Set(backward.flatMap { graph[$0].operands })
    loss = graph.outputs.first { $0.role == .loss }?.node
    updates = graph.outputs.filter {
      $0.role == .updatedParameter || $0.role == .updatedOptimizerState
    }.map(\.node)
    for node in updates where !inUpdate.contains(node) {
      throw PlanRunError.unsupported(
        stage: stage, reason: "'\(graph[node].name)' is returned but not computed by the update")
    }
  }
}
