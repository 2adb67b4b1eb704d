import ArgumentParser
import ShardlineHardware

/// The `--mesh` option: the logical 2-D view of a submesh of the cluster.
struct MeshOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Logical mesh N0xN1 over the first N0·N1 devices of the cluster, e.g. 2x4.",
      valueName: "n0xn1"))
  var mesh: String = "1x8"

  init() {}

  /// Options naming `mesh`, as if given on the command line.
  init(mesh: String) { self.mesh = mesh }

  /// The logical mesh on `cluster`.
  func resolve(on cluster: ClusterSpec) throws -> LogicalMesh {
    let parts = mesh.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
    guard parts.count == 2, let n0 = Int(parts[0]), let n1 = Int(parts[1]), n0 > 0, n1 > 0 else {
      throw CLIError("bad mesh '\(mesh)': expected N0xN1 with positive sizes, e.g. 2x4")
    }
    let devices = n0 * n1
    let perHost = cluster.host.devicesPerHost
    let submesh: SubmeshShape
    if devices <= perHost {
      submesh = SubmeshShape(hostCount: 1, devicesPerHost: devices)
    } else if devices % perHost == 0, devices / perHost <= cluster.hostCount {
      submesh = SubmeshShape(hostCount: devices / perHost, devicesPerHost: perHost)
    } else {
      throw CLIError(
        "mesh \(n0)x\(n1) needs \(devices) devices, which \(cluster.name) with \(cluster.hostCount) "
          + "host(s) of \(perHost) cannot provide as whole hosts or part of one host")
    }
    return LogicalMesh(
      shape: LogicalMeshShape(rows: n0, columns: n1), submesh: submesh, host: cluster.host)
  }
}
