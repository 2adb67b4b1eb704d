import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding

/// The strategies an op may take on its stage's mesh, for tests that pin one the planner did
/// not choose.
enum StageStrategies {
  /// The strategies of `node` on stage `stage` of `plan`, whose node ids refer to `graph`.
  static func strategies(of node: NodeID, in plan: Plan, stage: Int, graph: Graph) throws
    -> [ShardingStrategy]
  {
    let planStage = plan.stages[stage]
    let partition = try LayerPartition(graph: graph, layering: plan.layering)
    let slice = GraphSlice(
      of: graph, members: partition.nodes(inLayers: planStage.layers), users: graph.users())
    let mesh = LogicalMesh(
      shape: planStage.logicalShape, submesh: planStage.submesh, host: plan.cluster.host)
    let context = ShardingContext(
      graph: slice.graph, mesh: mesh, costModel: ComputeCostModel(device: plan.cluster.host.device),
      options: plan.sharding)
    guard let local = slice.sliceNodes[node] else { return [] }
    return context.strategies(for: local)
  }
}
