import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding

/// Solves the intra-op ILP of one stage of a plan again on the stage's own mesh, honouring its
/// pinned ops, with the planner's machinery: unpinned layers take their (cached) layer
/// profiles, a layer holding a pin is solved on its own with the pins, the stage is composed
/// as the stage DP composes candidates (``StageComposer``), and its op list is written as
/// ``PlanAssembler`` writes one.
///
/// Modes are tried as the planner's pricing tries them: ``ShardingMode/auto`` first, then
/// ``ShardingMode/shardedState`` when the stage's composed peak with its microbatches in
/// flight exceeds the memory the planner may use.
struct StageResolver {
  let context: PlanningContext
  let plan: Plan
  /// Per-device bytes a stage may use: the device's memory × the planner's memory fraction.
  let capacityBytes: Double
  let cancellation: CancellationFlag?
  private let users: [[NodeID]]
  private let modes: [ShardingMode] = SearchSpace.full.modes

  init(
    context: PlanningContext, plan: Plan, capacityBytes: Double,
    cancellation: CancellationFlag?
  ) {
    self.context = context
    self.plan = plan
    self.capacityBytes = capacityBytes
    self.cancellation = cancellation
    users = context.graph.users()
  }

  /// A mode's solution of a stage: its decisions by node of the whole graph, and its pricing.
  private struct Solved {
    var decisions: [NodeID: FixedSharding.Decision]
    var candidate: StageCandidate
  }

  /// Stage `index` of the plan, solved again; its pinned ops keep their decisions and flags.
  ///
  /// - Throws: ``PlannerError/cancelled`` once the flag is set,
  ///   ``PlannerError/sharding(layer:mesh:error:)`` for a pin the op cannot take on the mesh,
  ///   ``PlannerError/plan(_:)`` for a stage whose layers or mesh do not fit the model.
  func resolve(stage index: Int) throws(PlannerError) -> PlanStage {
    let stage = plan.stages[index]
    let mesh = try self.mesh(of: stage, index: index)
    let pinned = stage.ops.filter(\.pinned)
    let inFlight = min(plan.microbatches, plan.stages.count - index)
    // 2: fits with its microbatches in flight; 1: with one; 0: not at all (the evaluator
    // then reports it).
    var best: (solved: Solved, fit: Int)?
    for mode in modes {
      try cancellation.check()
      let solved = try solve(stage, pinned: pinned, mesh: mesh, mode: mode)
      let candidate = solved.candidate
      let fit =
        candidate.peakBytes(microbatchesInFlight: inFlight) <= capacityBytes
        ? 2 : candidate.peakBytes(microbatchesInFlight: 1) <= capacityBytes ? 1 : 0
      let better =
        best.map {
          fit > $0.fit
            || (fit == $0.fit && candidate.latencySeconds < $0.solved.candidate.latencySeconds)
        } ?? true
      if better { best = (solved, fit) }
      if best?.fit == 2 { break }
    }
    guard let solved = best?.solved else { preconditionFailure("no sharding mode to try") }
    var ops = PlanAssembler.ops(
      of: stage.layers, decisions: solved.decisions, context: context, users: users)
    for pin in pinned {
      guard let position = ops.firstIndex(where: { $0.node == pin.node && $0.name == pin.name })
      else { continue }
      ops[position] = pin
    }
    var result = stage
    result.ops = ops
    result.searchEstimateSeconds = solved.candidate.latencySeconds
    result.searchEstimatePeakBytes = solved.candidate.peakBytes(microbatchesInFlight: inFlight)
    return result
  }

  /// The stage's logical mesh, after checking that its layers and shapes fit.
  private func mesh(of stage: PlanStage, index: Int) throws(PlannerError) -> LogicalMesh {
    let layerCount = context.partition.layerCount
    guard stage.firstLayer >= 0, stage.firstLayer <= stage.lastLayer,
      stage.lastLayer < layerCount
    else {
      throw .plan(
        .invalidStage(
          stage: index,
          reason:
            "covers layers \(stage.firstLayer)…\(stage.lastLayer) of a model of \(layerCount)"))
    }
    guard stage.logicalShape.deviceCount == stage.submesh.deviceCount,
      stage.submesh.devicesPerHost <= plan.cluster.host.devicesPerHost
    else {
      throw .plan(
        .invalidStage(
          stage: index,
          reason: "a \(stage.submesh) submesh cannot be viewed as \(stage.logicalShape)"))
    }
    return LogicalMesh(shape: stage.logicalShape, submesh: stage.submesh, host: plan.cluster.host)
  }

  /// The stage's layers solved on `mesh` under `mode` with `pinned`'s specs fixed.
  private func solve(_ stage: PlanStage, pinned: [PlanOp], mesh: LogicalMesh, mode: ShardingMode)
    throws(PlannerError) -> Solved
  {
    let layers = stage.layers
    let microbatches = Double(plan.microbatches)
    let composition: StageComposer.Composition
    let decisions: [NodeID: FixedSharding.Decision]
    if context.solvesRangesJointly {
      let pins = Dictionary(pinned.map { ($0.node, $0.spec) }, uniquingKeysWith: { a, _ in a })
      let (profile, slice) = try context.rangeProfile(layers, mesh: mesh, mode: mode, pins: pins)
      let costing = profile.costing
      composition = StageComposer.Composition(
        microbatchSeconds: costing.forwardSeconds + costing.backwardSeconds,
        updateSeconds: costing.updateSeconds, persistentBytes: costing.persistentBytes,
        activationBytes: costing.activationBytes, workingBytes: costing.workingBytes)
      decisions = PlanAssembler.decisions(of: profile, slice: slice)
    } else {
      var profiles: [LayerProfile] = []
      for layer in layers {
        try cancellation.check()
        let pins = layerPins(layer, of: layers, pinned: pinned)
        profiles.append(
          pins.isEmpty
            ? try context.profiler.profile(layer: layer, mesh: mesh, mode: mode)
            : try context.profiler.profile(
              slice: context.slices[layer], layers: layer...layer, layerOf: nil, mesh: mesh,
              mode: mode, pins: pins))
      }
      composition = context.composer.composition(
        of: layers, profiles: profiles, mesh: mesh, costModel: context.profiler.costModel,
        options: context.profiler.options)
      decisions = PlanAssembler.decisions(of: layers, profiles: profiles, context: context)
    }
    return Solved(
      decisions: decisions,
      candidate: StageCandidate(
        latencySeconds: composition.microbatchSeconds + composition.updateSeconds / microbatches,
        fixedBytes: composition.persistentBytes + composition.workingBytes,
        activationBytes: composition.activationBytes))
  }

  /// The pins of `layer`'s slice, by slice node: its own pinned ops, and pinned values the
  /// stage (`layers`) reads from other stages that this layer reads.
  private func layerPins(_ layer: Int, of layers: ClosedRange<Int>, pinned: [PlanOp])
    -> [NodeID: ShardingSpec]
  {
    let slice = context.slices[layer]
    var pins: [NodeID: ShardingSpec] = [:]
    for op in pinned {
      guard let local = slice.sliceNodes[op.node] else { continue }
      let owner = context.partition.layerOfNode[op.node.rawValue]
      if owner == layer || !layers.contains(owner) { pins[local] = op.spec }
    }
    return pins
  }
}
