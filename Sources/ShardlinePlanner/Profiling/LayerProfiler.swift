import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding
import ShardlineSolver
import Synchronization

/// Solves the intra-op ILP of single layers on logical meshes, once per structurally distinct
/// layer (Alpa §5.2's profiling step, with reuse across identical layers).
///
/// Layers whose slices have the same ``GraphSlice/digest`` share one solve; results also go to
/// the ``ProfileStore``. Stage candidates are priced by composing layer profiles
/// (``StageComposer``), so the number of ILPs grows with distinct layers × meshes, not with
/// layer ranges.
final class LayerProfiler: Sendable {
  /// Counts for the progress line and the plan's record.
  struct Counters: Sendable {
    var solves = 0
    var reused = 0
    var solveSeconds = 0.0
    var worstStatus = "optimal"
  }

  /// One slice per layer.
  let slices: [GraphSlice]
  let costModel: ComputeCostModel
  let options: ShardingOptions
  let limits: SolverLimits
  let reusesIdenticalLayers: Bool
  let rematerialization: Bool
  private let store: ProfileStore
  /// Checked before each solve.
  private let cancellation: CancellationFlag?
  let counters = Mutex(Counters())
  /// (layers, key) pairs already answered, so a reuse is counted once per layer and mesh.
  private let answered = Mutex(Set<LayerRequest>())

  private struct LayerRequest: Hashable {
    var layers: ClosedRange<Int>
    var key: ProfileKey
  }

  init(
    slices: [GraphSlice], costModel: ComputeCostModel, options: ShardingOptions,
    limits: SolverLimits, reusesIdenticalLayers: Bool, rematerialization: Bool,
    store: ProfileStore, cancellation: CancellationFlag? = nil
  ) {
    self.slices = slices
    self.costModel = costModel
    self.options = options
    self.limits = limits
    self.reusesIdenticalLayers = reusesIdenticalLayers
    self.rematerialization = rematerialization
    self.store = store
    self.cancellation = cancellation
  }

  /// The profile of `layer` on `mesh` under `mode`, solved or reused.
  func profile(layer: Int, mesh: LogicalMesh, mode: ShardingMode) throws(PlannerError)
    -> LayerProfile
  {
    try profile(
      slice: slices[layer], layers: layer...layer, layerOf: nil, mesh: mesh, mode: mode)
  }

  /// The profile of `slice`, the nodes of `layers`, on `mesh` under `mode`, solved or reused;
  /// `layerOf` gives the layer of each slice node when it holds several. `pins` fixes the specs
  /// of some slice nodes; a pinned solve is reused only for the same structure and pins.
  ///
  /// - Throws: ``PlannerError/cancelled`` before solving once the cancellation flag is set,
  ///   ``PlannerError/sharding(layer:mesh:error:)`` when the solve fails.
  func profile(
    slice: GraphSlice, layers: ClosedRange<Int>, layerOf: [Int]?, mesh: LogicalMesh,
    mode: ShardingMode, pins: [NodeID: ShardingSpec] = [:]
  ) throws(PlannerError) -> LayerProfile {
    var digest =
      reusesIdenticalLayers
      ? slice.digest : "\(slice.digest)#\(layers.lowerBound)-\(layers.upperBound)"
    for (node, spec) in pins.sorted(by: { $0.key < $1.key }) { digest += " \(node)=\(spec)" }
    let key = ProfileKey(
      digest: digest, mesh: mesh, mode: mode, options: options,
      rematerialization: rematerialization)
    let request = LayerRequest(layers: layers, key: key)
    if let (profile, _) = store.profile(for: key) {
      let first = answered.withLock { $0.insert(request).inserted }
      if first { counters.withLock { $0.reused += 1 } }
      return profile
    }
    try cancellation.check()
    let context = ShardingContext(
      graph: slice.graph, mesh: mesh, costModel: costModel, options: options)
    let plan: IntraOpPlan
    do {
      plan = try AutoSharding(context: context, solver: CBCSolver(), limits: limits)
        .solve(
          ShardingRequest(
            mode: mode, pins: Dictionary(uniqueKeysWithValues: pins.map { ("\($0.key)", $0.value) })
          ))
    } catch {
      let name =
        layers.count == 1
        ? "layer \(layers.lowerBound)" : "layers \(layers.lowerBound)…\(layers.upperBound)"
      throw .sharding(layer: name, mesh: "\(mesh.shape) of \(mesh.submesh)", error: error)
    }
    let profile = LayerProfile(
      costing: StageCosting(
        graph: slice.graph, plan: plan, layerOf: layerOf, rematerialization: rematerialization),
      status: plan.solver.status,
      solveSeconds: plan.solver.seconds)
    store.store(profile, for: key)
    answered.withLock { _ = $0.insert(request) }
    counters.withLock {
      $0.solves += 1
      $0.solveSeconds += plan.solver.seconds
      if plan.solver.status != "optimal" { $0.worstStatus = plan.solver.status }
    }
    return profile
  }
}
