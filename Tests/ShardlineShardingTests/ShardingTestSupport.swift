import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// Fixtures for sharding tests: meshes on one p3.16xlarge host and contexts over them.
enum ShardingFixtures {
  /// An `n0 × n1` logical mesh on the first `n0·n1` devices of p3.16xlarge hosts.
  static func mesh(_ n0: Int, _ n1: Int, hosts: Int = 1) -> LogicalMesh {
    let cluster = ClusterSpec.preset(named: "p3.16xlarge", hostCount: hosts)!
    let devices = n0 * n1
    let perHost = cluster.host.devicesPerHost
    let submesh =
      devices <= perHost
      ? SubmeshShape(hostCount: 1, devicesPerHost: devices)
      : SubmeshShape(hostCount: devices / perHost, devicesPerHost: perHost)
    return LogicalMesh(
      shape: LogicalMeshShape(rows: n0, columns: n1), submesh: submesh, host: cluster.host)
  }

  /// A context for `graph` on an `n0 × n1` mesh of V100s.
  static func context(
    _ graph: Graph, _ n0: Int, _ n1: Int, options: ShardingOptions = ShardingOptions()
  ) -> ShardingContext {
    ShardingContext(
      graph: graph, mesh: mesh(n0, n1), costModel: ComputeCostModel(device: .v100SXM2),
      options: options)
  }
}
