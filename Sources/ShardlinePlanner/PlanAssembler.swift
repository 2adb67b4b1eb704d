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
    let graph = context.graph
    let users = graph.users()
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
      var decisions: [NodeID: FixedSharding.Decision] = [:]
      if context.solvesRangesJointly {
        let (profile, slice) = try context.rangeProfile(
          assignment.layers, mesh: mesh, mode: choice.mode)
        for (local, decision) in profile.costing.decisions {
          decisions[slice.wholeGraphNodes[local.rawValue]] = decision
        }
      }
      for layer in assignment.layers where !context.solvesRangesJointly {
        let profile = try context.profiler.profile(layer: layer, mesh: mesh, mode: choice.mode)
        let slice = context.slices[layer]
        let boundary = Set(slice.boundaryInputs)
        for (local, decision) in profile.costing.decisions.sorted(by: { $0.key < $1.key }) {
          let whole = slice.wholeGraphNodes[local.rawValue]
          let isBoundary = boundary.contains(local)
          if isBoundary && assignment.layers.contains(context.partition.layerOfNode[whole.rawValue])
          {
            continue
          }
          if decisions[whole] == nil || !isBoundary { decisions[whole] = decision }
        }
      }
      let stageSlice = GraphSlice(
        of: graph, members: context.partition.nodes(inLayers: assignment.layers), users: users)
      var ops: [PlanOp] = []
      for (local, whole) in stageSlice.wholeGraphNodes.enumerated() {
        guard let decision = decisions[whole] else { continue }
        ops.append(
          PlanOp(
            node: whole, name: stageSlice.graph.nodes[local].name, strategy: decision.strategy,
            spec: decision.spec))
      }
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
}
