import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding
import ShardlineSolver
import Testing

@Suite("Stage costing")
struct StageCostingTests {
  static func blockCosting(rematerialization: Bool) throws -> StageCosting {
    let graph = try LayerPartitionTests.gpt(blocks: 1, batch: 8)
    let partition = try LayerPartition(graph: graph, layering: .model)
    let slice = GraphSlice(
      of: graph, members: partition.nodes(inLayers: 1...1), users: graph.users())
    let cluster = try ClusterSpec.parse("p3.16xlarge")
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: 2, columns: 1),
      submesh: SubmeshShape(hostCount: 1, devicesPerHost: 2), host: cluster.host)
    let context = ShardingContext(
      graph: slice.graph, mesh: mesh, costModel: ComputeCostModel(device: cluster.host.device))
    let plan = try AutoSharding(context: context, solver: CBCSolver()).solve(ShardingRequest())
    return StageCosting(graph: slice.graph, plan: plan, rematerialization: rematerialization)
  }

  @Test("rematerialization keeps less, recomputes the forward, and needs one layer of work")
  func rematerialization() throws {
    let kept = try Self.blockCosting(rematerialization: false)
    let recomputed = try Self.blockCosting(rematerialization: true)
    #expect(recomputed.activationBytes < kept.activationBytes)
    #expect(recomputed.activationBytes > 0)
    #expect(
      abs(recomputed.backwardSeconds - (kept.backwardSeconds + kept.forwardSeconds))
        <= 1e-12 * recomputed.backwardSeconds)
    #expect(recomputed.workingBytes >= kept.workingBytes + kept.activationBytes * 0.999)
    #expect(recomputed.persistentBytes == kept.persistentBytes)
  }

  @Test("element-wise results are not stored: activations are below every backward-read value")
  func fusedActivations() throws {
    let kept = try Self.blockCosting(rematerialization: false)
    let graph = try LayerPartitionTests.gpt(blocks: 1, batch: 8)
    let partition = try LayerPartition(graph: graph, layering: .model)
    let users = graph.users()
    // Everything the block's backward reads of its forward, replicated over 2 devices' batch
    // split: an upper bound the fused count must stay under.
    var naive = 0.0
    for node in graph.nodes
    where partition.layerOfNode[node.id.rawValue] == 1 && node.phase == .forward
      && node.op != .parameter
      && users[node.id.rawValue].contains(where: { graph[$0].phase == .backward })
    {
      naive += Double(node.type.byteCount)
    }
    #expect(kept.activationBytes < naive)
    #expect(kept.activationBytes > 0)
  }
}
