import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding

/// Turns the stage DP's answer into a ``Plan``: each stage's devices, view, and the decisions of
/// its layers' profiles mapped back to the whole graph's nodes.
struct PlanAssembler {
  let context: PlanningContext
  let pricer: CandidatePricer

  /// The stages of `solution`.
  func stages(of solution: StageDPSolution) throws(PlannerError) -> [PlanStage] {
    let users = context.graph.users()
    var stages: [PlanStage] = []
    // The DP places stages so that any mix of submeshes tiles the cluster; placing them in
    // pipeline order instead, when that tiles too, keeps neighbouring stages on one host.
    let contiguous = pricer.cluster.physicalMesh.placeContiguously(
      solution.stages.map { pricer.submeshes[$0.submesh] })
    for (index, assignment) in solution.stages.enumerated() {
      let submesh = pricer.submeshes[assignment.submesh]
      guard let choice = pricer.choice(for: assignment.layers, submesh: assignment.submesh) else {
        throw .doesNotFit(reason: "stage \(assignment.layers) lost its pricing")
      }
      let mesh = LogicalMesh(shape: choice.shape, submesh: submesh, host: pricer.cluster.host)
      let decisions: [NodeID: FixedSharding.Decision]
      if context.solvesRangesJointly {
        let (profile, slice) = try context.rangeProfile(
          assignment.layers, mesh: mesh, mode: choice.mode)
        decisions = Self.decisions(of: profile, slice: slice)
      } else {
        var profiles: [LayerProfile] = []
        for layer in assignment.layers {
          profiles.append(
            try context.profiler.profile(layer: layer, mesh: mesh, mode: choice.mode))
        }
        decisions = Self.decisions(of: assignment.layers, profiles: profiles, context: context)
      }
      let ops = Self.ops(
        of: assignment.layers, decisions: decisions, context: context, users: users)
      stages.append(
        PlanStage(
          firstLayer: assignment.layers.lowerBound, lastLayer: assignment.layers.upperBound,
          submesh: submesh, devices: contiguous?[index] ?? assignment.devices,
          logicalShape: choice.shape, ops: ops,
          searchEstimateSeconds: assignment.candidate.latencySeconds,
          searchEstimatePeakBytes: assignment.candidate.peakBytes(
            microbatchesInFlight: min(
              pricer.microbatches, solution.stages.count - index))))
    }
    return stages
  }

  /// The decisions, by node of the whole graph, of a range of layers solved as one ILP:
  /// `profile`, solved on `slice`.
  static func decisions(of profile: LayerProfile, slice: GraphSlice)
    -> [NodeID: FixedSharding.Decision]
  {
    var decisions: [NodeID: FixedSharding.Decision] = [:]
    for (local, decision) in profile.costing.decisions {
      decisions[slice.wholeGraphNodes[local.rawValue]] = decision
    }
    return decisions
  }

  /// The decisions, by node of the whole graph, of `layers` composed from their profiles
  /// (`profiles[i]` is layer `layers.lowerBound + i`'s): each layer's own ops, and each value
  /// the stage reads from another stage with the spec the first layer reading it assumed.
  static func decisions(
    of layers: ClosedRange<Int>, profiles: [LayerProfile], context: PlanningContext
  ) -> [NodeID: FixedSharding.Decision] {
    var decisions: [NodeID: FixedSharding.Decision] = [:]
    for (layer, profile) in zip(layers, profiles) {
      let slice = context.slices[layer]
      let boundary = Set(slice.boundaryInputs)
      for (local, decision) in profile.costing.decisions.sorted(by: { $0.key < $1.key }) {
        let whole = slice.wholeGraphNodes[local.rawValue]
        let isBoundary = boundary.contains(local)
        if isBoundary && layers.contains(context.partition.layerOfNode[whole.rawValue]) {
          continue
        }
        if decisions[whole] == nil || !isBoundary { decisions[whole] = decision }
      }
    }
    return decisions
  }

  /// The op list of a stage of `layers` with `decisions`: in the order of the stage's slice,
  /// values read from other stages under their `boundary/` names.
  static func ops(
    of layers: ClosedRange<Int>, decisions: [NodeID: FixedSharding.Decision],
    context: PlanningContext, users: [[NodeID]]
  ) -> [PlanOp] {
    let stageSlice = GraphSlice(
      of: context.graph, members: context.partition.nodes(inLayers: layers), users: users)
    var ops: [PlanOp] = []
    for (local, whole) in stageSlice.wholeGraphNodes.enumerated() {
      guard let decision = decisions[whole] else { continue }
      ops.append(
        PlanOp(
          node: whole, name: stageSlice.graph.nodes[local].name, strategy: decision.strategy,
          spec: decision.spec))
    }
    return ops
  }
}
