import ShardlineIR
import ShardlinePlan

/// The forward ops of a training graph as the clustering DP sees them: every forward op but the
/// inputs, in node order (the numbering ``Layering/clustered(starts:)`` counts in), with FLOPs,
/// result bytes and which of them each reads. A layer may only begin right after an op that
/// computes something, so reshapes and converts stay with what follows them.
struct ForwardOps {
  let clustering: ClusteringProblem

  init(graph: Graph) {
    let forward = graph.nodes.filter { $0.phase == .forward && $0.op != .parameter }
    var position: [NodeID: Int] = [:]
    for (index, node) in forward.enumerated() { position[node.id] = index }
    let problem = ClusteringProblem(
      flops: forward.map { graph.flops(of: $0.id) },
      outputBytes: forward.map { Double($0.type.byteCount) },
      operands: forward.map { node in node.operands.compactMap { position[$0] } })
    clustering = ClusteringProblem(
      flops: problem.flops, outputBytes: problem.outputBytes, operands: problem.operands,
      cutPositions: problem.positionsAfterComputeOps)
  }
}
