import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineSharding
import Synchronization

/// Prices any plan — found by the planner, a baseline, or edited by hand — and says whether it
/// can run: per-stage forward, backward and update time, intra-op and cross-mesh communication,
/// the simulated pipeline with its bubble, and memory per device against capacity.
///
/// Evaluation solves nothing: each stage's decisions are costed as given (``FixedSharding``),
/// and a stage whose layers, mesh and decisions were priced before is taken from a cache, so
/// re-costing after an edit only prices the stages the edit touched.
public final class PlanEvaluator: Sendable {
  /// The per-microbatch training graph the plan's node ids refer to.
  public let graph: Graph
  /// The users of each node of ``graph``.
  let users: [[NodeID]]
  private let classes: ValueClasses
  private let cache = StageCostCache()
  private let partitions = Mutex<[Layering: LayerPartition]>([:])
  private let slices = Mutex<[SliceKey: GraphSlice]>([:])

  /// What a stage's slice depends on: the layering and the stage's layers.
  private struct SliceKey: Hashable {
    var layering: Layering
    var layers: ClosedRange<Int>
  }

  /// Creates an evaluator for plans of `graph`; each plan brings its own intra-op options.
  public init(graph: Graph) {
    self.graph = graph
    users = graph.users()
    classes = ValueClasses(graph: graph)
  }

  /// Prices `plan`. Problems that make it invalid (memory, sharding, devices, layers) are
  /// returned as ``PlanEstimate/issues``, not thrown.
  ///
  /// - Throws: ``PlanError/invalidLayering(reason:)`` when the plan's layering does not fit the
  ///   graph.
  public func evaluate(_ plan: Plan) throws(PlanError) -> PlanEstimate {
    try evaluation(of: plan).estimate
  }

  /// The estimate of `plan` and its simulated pipeline, from one pricing (what an editor shows
  /// after every change).
  ///
  /// - Throws: ``PlanError/invalidLayering(reason:)`` as ``evaluate(_:)`` does.
  public func evaluation(of plan: Plan) throws(PlanError) -> (
    estimate: PlanEstimate, timeline: PipelineTimeline?
  ) {
    try run(plan)
  }

  /// The pipeline timeline of `plan` (every stage's forward, backward, update and transfer
  /// tasks), or `nil` when the plan is too broken to simulate.
  ///
  /// - Throws: ``PlanError/invalidLayering(reason:)`` as ``evaluate(_:)`` does.
  public func timeline(of plan: Plan) throws(PlanError) -> PipelineTimeline? {
    try evaluation(of: plan).timeline
  }

  /// The problems of `plan` that need no costing: stages that do not cover the layers in
  /// order, devices outside the cluster or used twice, devices that do not match a stage's
  /// submesh or logical shape, microbatches that do not divide the batch.
  ///
  /// - Throws: ``PlanError/invalidLayering(reason:)`` as ``evaluate(_:)`` does.
  public func structuralIssues(of plan: Plan) throws(PlanError) -> [PlanIssue] {
    PlanChecks.structure(of: plan, layerCount: try partition(of: plan.layering).layerCount)
  }

  private func run(_ plan: Plan) throws(PlanError) -> (
    estimate: PlanEstimate, timeline: PipelineTimeline?
  ) {
    let partition = try partition(of: plan.layering)
    var issues = PlanChecks.structure(of: plan, layerCount: partition.layerCount)
    // Stages that do not tile the layers and devices cannot be priced meaningfully.
    guard !issues.contains(where: { $0.kind == .layers || $0.kind == .devices }) else {
      return (
        PlanEstimate(
          stages: [], iterationSeconds: .infinity, bubbleFraction: 0, teraflopsPerDevice: 0,
          issues: issues), nil
      )
    }
    let cluster = plan.cluster
    let costModel = ComputeCostModel(device: cluster.host.device)
    var costings: [StageCosting?] = []
    var slices: [GraphSlice] = []
    var meshes: [LogicalMesh?] = []
    var stageOfNode = [Int](repeating: -1, count: graph.nodes.count)
    for (index, stage) in plan.stages.enumerated() {
      let members = partition.nodes(inLayers: stage.layers)
      for member in members { stageOfNode[member.rawValue] = index }
      let slice = self.slice(of: stage.layers, layering: plan.layering, partition: partition)
      slices.append(slice)
      guard let mesh = Self.logicalMesh(of: stage, on: cluster) else {
        meshes.append(nil)
        costings.append(nil)
        continue
      }
      meshes.append(mesh)
      do {
        costings.append(
          try cache.costing(
            slice: slice, stage: stage, mesh: mesh, costModel: costModel,
            options: plan.sharding,
            layerOf: slice.wholeGraphNodes.map { partition.layerOfNode[$0.rawValue] },
            rematerialization: plan.rematerialization))
      } catch {
        costings.append(nil)
        issues.append(PlanIssue(kind: .sharding, stage: index, message: "\(error)"))
      }
    }
    guard costings.allSatisfy({ $0 != nil }), issues.allSatisfy({ $0.kind != .devices }) else {
      return (
        PlanEstimate(
          stages: [], iterationSeconds: .infinity, bubbleFraction: 0, teraflopsPerDevice: 0,
          issues: issues), nil
      )
    }
    let priced = costings.map { $0! }
    let transfers = CrossStageTransfers(
      plan: plan, slices: slices, costings: priced, meshes: meshes.map { $0! },
      stageOfNode: stageOfNode, classes: classes, options: plan.sharding, costModel: costModel)
    return assemble(plan, priced: priced, transfers: transfers, issues: issues)
  }

  /// The layer of every node under `layering`, computed once per layering.
  ///
  /// - Throws: ``PlanError/invalidLayering(reason:)`` when the layering does not fit the graph.
  func partition(of layering: Layering) throws(PlanError) -> LayerPartition {
    if let known = partitions.withLock({ $0[layering] }) { return known }
    let partition = try LayerPartition(graph: graph, layering: layering)
    partitions.withLock { $0[layering] = partition }
    return partition
  }

  /// The slice of `layers`, cut once per layering and range: an edit re-slices only the stages
  /// whose layers it changed.
  func slice(
    of layers: ClosedRange<Int>, layering: Layering, partition: LayerPartition
  ) -> GraphSlice {
    let key = SliceKey(layering: layering, layers: layers)
    if let known = slices.withLock({ $0[key] }) { return known }
    let slice = GraphSlice(of: graph, members: partition.nodes(inLayers: layers), users: users)
    slices.withLock { $0[key] = slice }
    return slice
  }

  /// The logical mesh `stage`'s devices form on `cluster`, or `nil` when they form none.
  static func logicalMesh(of stage: PlanStage, on cluster: ClusterSpec) -> LogicalMesh? {
    MeshPlacement(devices: stage.devices, shape: stage.logicalShape, spec: .replicated(rank: 0))
      .logicalMesh(on: cluster)
  }

  private func assemble(
    _ plan: Plan, priced: [StageCosting], transfers: CrossStageTransfers, issues: [PlanIssue]
  ) -> (estimate: PlanEstimate, timeline: PipelineTimeline?) {
    var issues = issues
    let timings = priced.indices.map { s in
      StageTiming(
        forwardSeconds: priced[s].forwardSeconds, backwardSeconds: priced[s].backwardSeconds,
        updateSeconds: priced[s].updateSeconds + transfers.perIterationSeconds[s],
        sendForwardSeconds: transfers.sendForwardSeconds[s],
        sendBackwardSeconds: transfers.sendBackwardSeconds[s])
    }
    let timeline: PipelineTimeline
    do {
      timeline = try PipelineSimulator.simulate(
        stages: timings, microbatches: plan.microbatches, schedule: plan.schedule,
        virtualStages: PlanChecks.virtualStages(of: plan))
    } catch {
      issues.append(PlanIssue(kind: .schedule, stage: nil, message: "\(error)"))
      return (
        PlanEstimate(
          stages: [], iterationSeconds: .infinity, bubbleFraction: 0, teraflopsPerDevice: 0,
          issues: issues), nil
      )
    }
    let capacity = Double(plan.cluster.host.device.memoryBytes)
    let microbatches = Double(plan.microbatches)
    var stages: [PlanEstimate.Stage] = []
    var totalFlops = 0.0
    for (s, costing) in priced.enumerated() {
      // Interleaved chunks share their device group's memory: count every microbatch in flight
      // on the group (at this chunk's activation size, an approximation for unequal chunks).
      let inFlight =
        timeline.virtualStages > 1
        ? timeline.peakInFlightPerDeviceGroup[s % timeline.deviceGroupCount]
        : timeline.peakInFlightMicrobatches[s]
      let peak = costing.peakBytes(microbatchesInFlight: inFlight) + transfers.replicaBytes[s]
      let flops = costing.microbatchFlops * microbatches + costing.updateFlops
      totalFlops += flops
      stages.append(
        PlanEstimate.Stage(
          forwardSeconds: costing.forwardSeconds, backwardSeconds: costing.backwardSeconds,
          updateSeconds: timings[s].updateSeconds,
          computeSeconds: costing.computeSeconds(microbatches: plan.microbatches),
          communicationSeconds: costing.communicationSeconds(microbatches: plan.microbatches),
          crossMeshSeconds: transfers.receiveSeconds[s], crossMeshBytes: transfers.receiveBytes[s],
          parameterBytes: costing.parameterBytes, optimizerStateBytes: costing.optimizerStateBytes,
          gradientBytes: costing.gradientBytes,
          activationBytesPerMicrobatch: costing.activationBytes, inFlightMicrobatches: inFlight,
          peakBytes: peak, capacityBytes: capacity, flops: flops))
      if peak > capacity {
        issues.append(
          PlanIssue(
            kind: .memory, stage: s, bytesOver: peak - capacity,
            message:
              "needs \(ByteCount(peak)) per device of \(ByteCount(capacity)): "
              + "\(ByteCount(peak - capacity)) over"))
      }
    }
    let devices = Double(plan.cluster.deviceCount)
    let estimate = PlanEstimate(
      stages: stages, iterationSeconds: timeline.iterationSeconds,
      bubbleFraction: timeline.bubbleFraction,
      teraflopsPerDevice: totalFlops / timeline.iterationSeconds / devices / 1e12,
      issues: issues)
    return (estimate, timeline)
  }
}
