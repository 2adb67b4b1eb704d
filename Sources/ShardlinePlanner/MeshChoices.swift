import ShardlineHardware

/// The submeshes and logical views the planner tries on a cluster.
///
/// Submeshes are Alpa's (§5.2; ``PhysicalMesh/submeshShapes``). Each is viewed as (n0, n1) with
/// axis 1 inside a host: n1 divides the devices the submesh uses per host, so tensor-parallel
/// collectives ride the host's links and only axis 0 crosses the network, as in the meshes of
/// Alpa's and Megatron-LM's GPT runs. This keeps 4 views of a multi-host submesh of 8-device
/// hosts instead of every factorization of its device count.
struct MeshChoices: Sendable {
  let submeshes: [SubmeshShape]

  init(cluster: ClusterSpec, only: [SubmeshShape]? = nil) {
    submeshes = only ?? cluster.physicalMesh.submeshShapes
  }

  /// The logical views of `submesh`, by increasing n1.
  static func logicalShapes(of submesh: SubmeshShape) -> [LogicalMeshShape] {
    let perHost = submesh.devicesPerHost
    return (1...perHost).filter { perHost % $0 == 0 }.map {
      LogicalMeshShape(rows: submesh.deviceCount / $0, columns: $0)
    }
  }
}
