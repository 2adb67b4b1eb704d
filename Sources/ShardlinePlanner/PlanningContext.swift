import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding
import ShardlineSolver

/// Everything the planner derives from one microbatch count: the per-microbatch graph, its
/// layers and their slices, the FLOPs per layer, and a profiler for the layers' intra-op solves.
struct PlanningContext: Sendable {
  let microbatches: Int
  let graph: Graph
  let layering: Layering
  let partition: LayerPartition
  let slices: [GraphSlice]
  /// Forward, backward and update FLOPs of each layer per microbatch.
  let layerFlops: [Double]
  let profiler: LayerProfiler
  let composer: StageComposer
  /// Whether ranges are solved as one ILP (``PlannerOptions/solvesRangesJointly``).
  let solvesRangesJointly: Bool
  /// Checked before each solve and each priced candidate.
  let cancellation: CancellationFlag?
  /// Whether an update op of one layer reads a value another layer's update computes from its
  /// gradients (a statistic over several layers' gradients, such as clipping by global norm).
  /// The runtime runs each stage's update on its own, so such a step is planned in one stage.
  let updateSpansLayers: Bool
  private let users: [[NodeID]]

  /// The context of `model` at `microbatches`, split into layers as `layering` says (else as
  /// the options do), whose profiler stops at `cancellation`.
  init(
    model: ModelSource, microbatches: Int, cluster: ClusterSpec, options: PlannerOptions,
    store: ProfileStore, layering: Layering? = nil, cancellation: CancellationFlag? = nil
  ) throws(PlannerError) {
    self.microbatches = microbatches
    graph = try model.microbatchGraph(microbatches: microbatches)
    if let layering {
      self.layering = layering
    } else {
      self.layering = try Self.layering(of: graph, options: options)
    }
    do {
      partition = try LayerPartition(graph: graph, layering: self.layering)
    } catch {
      throw .plan(error)
    }
    let users = graph.users()
    var members = [[NodeID]](repeating: [], count: partition.layerCount)
    var flops = [Double](repeating: 0, count: partition.layerCount)
    for node in graph.nodes {
      let layer = partition.layerOfNode[node.id.rawValue]
      members[layer].append(node.id)
      flops[layer] += graph.flops(of: node.id)
    }
    let graph = graph
    slices = members.map { GraphSlice(of: graph, members: $0, users: users) }
    layerFlops = flops
    var sharding = options.sharding
    sharding.updateCostWeight = 1 / Double(microbatches)
    profiler = LayerProfiler(
      slices: slices, costModel: ComputeCostModel(device: cluster.host.device),
      options: sharding,
      limits: SolverLimits(timeLimitSeconds: options.solverTimeLimitSeconds),
      reusesIdenticalLayers: options.reusesIdenticalLayers,
      rematerialization: options.rematerialization, store: store, cancellation: cancellation)
    composer = StageComposer(slices: slices, partition: partition)
    solvesRangesJointly = options.solvesRangesJointly
    self.cancellation = cancellation
    self.users = users
    let perIteration = ValueClasses(graph: graph).perIteration
    let layerOf = partition.layerOfNode
    updateSpansLayers = graph.nodes.contains { node in
      node.phase == .update
        && node.operands.contains { operand in
          graph[operand].phase == .update && !perIteration[operand.rawValue]
            && layerOf[operand.rawValue] != layerOf[node.id.rawValue]
        }
    }
  }

  /// The layering `options` ask for on `graph`: the model's layers when it asks for them and
  /// the graph has them, else a clustering.
  static func layering(of graph: Graph, options: PlannerOptions) throws(PlannerError) -> Layering {
    let annotated = graph.nodes.contains { $0.phase == .forward && $0.layer != nil }
    switch options.layers {
    case .model where annotated:
      return .model
    case .model, .automatic, .count:
      let problem = ForwardOps(graph: graph)
      let count: Int
      if case .count(let requested) = options.layers {
        guard requested >= 1 else { throw .invalidOption("--layers must be at least 1") }
        count = requested
      } else {
        count = LayerClustering.automaticLayerCount(
          problem.clustering, epsilon: options.clusteringEpsilon)
      }
      guard
        let assignment = LayerClustering.cluster(
          problem.clustering, layerCount: count, epsilon: options.clusteringEpsilon)
      else {
        throw .invalidOption(
          "the forward ops cannot be clustered into \(count) layers within a FLOP imbalance of "
            + "\(options.clusteringEpsilon)")
      }
      var starts: [Int] = []
      for (position, layer) in assignment.enumerated() where starts.count == layer {
        starts.append(position)
      }
      return .clustered(starts: starts)
    }
  }

  /// The profile of layers `layers` solved as one ILP on `mesh` under `mode`, with the slice it
  /// was solved on; `pins` fixes the specs of some of the whole graph's nodes.
  func rangeProfile(
    _ layers: ClosedRange<Int>, mesh: LogicalMesh, mode: ShardingMode,
    pins: [NodeID: ShardingSpec] = [:]
  ) throws(PlannerError) -> (profile: LayerProfile, slice: GraphSlice) {
    let slice = GraphSlice(of: graph, members: partition.nodes(inLayers: layers), users: users)
    let layerOf = slice.wholeGraphNodes.map { partition.layerOfNode[$0.rawValue] }
    var localPins: [NodeID: ShardingSpec] = [:]
    for (node, spec) in pins {
      if let local = slice.sliceNodes[node] { localPins[local] = spec }
    }
    let profile = try profiler.profile(
      slice: slice, layers: layers, layerOf: layerOf, mesh: mesh, mode: mode, pins: localPins)
    return (profile, slice)
  }
}
