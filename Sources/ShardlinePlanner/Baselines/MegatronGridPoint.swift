import ShardlineHardware

/// One point of Megatron-LM's 3-D parallel grid (Narayanan et al., SC'21 §3): `dp` data-parallel
/// replicas × `tp` tensor-parallel devices × `pp` pipeline stages, using every device.
struct MegatronGridPoint: Sendable, Hashable, CustomStringConvertible {
  /// Data-parallel degree (logical mesh axis 0 of each stage).
  var dataParallel: Int
  /// Tensor-parallel degree (logical mesh axis 1, inside a host).
  var tensorParallel: Int
  /// Pipeline stages.
  var pipelineParallel: Int

  /// Devices of one stage: dp·tp.
  var stageDevices: Int { dataParallel * tensorParallel }

  /// Each stage's logical view: dp × tp.
  var logicalShape: LogicalMeshShape {
    LogicalMeshShape(rows: dataParallel, columns: tensorParallel)
  }

  /// The submesh of one stage on hosts of `devicesPerHost` devices: 1 × d inside a host, else
  /// (d / M) × M whole hosts.
  func submesh(devicesPerHost: Int) -> SubmeshShape {
    stageDevices <= devicesPerHost
      ? SubmeshShape(hostCount: 1, devicesPerHost: stageDevices)
      : SubmeshShape(hostCount: stageDevices / devicesPerHost, devicesPerHost: devicesPerHost)
  }

  /// `dp 8 × tp 8 × pp 1`.
  var description: String { "dp \(dataParallel) × tp \(tensorParallel) × pp \(pipelineParallel)" }

  /// Every point Megatron-LM can run on `cluster` for a model of `layerCount` layers, by
  /// increasing pp, then tp.
  ///
  /// A point uses every device (dp·tp·pp = N·M), keeps tensor parallelism inside a host (tp
  /// divides M), has at most one stage per layer (pp ≤ L), and gives each stage an Alpa submesh
  /// that tiles the cluster (a divisor of M devices, or whole hosts).
  static func grid(cluster: ClusterSpec, layerCount: Int) -> [MegatronGridPoint] {
    let devices = cluster.deviceCount
    let perHost = cluster.host.devicesPerHost
    var points: [MegatronGridPoint] = []
    for pp in 1...max(1, min(devices, layerCount)) where devices % pp == 0 {
      let stage = devices / pp
      guard stage <= perHost ? perHost % stage == 0 : stage % perHost == 0 else { continue }
      for tp in 1...perHost where perHost % tp == 0 && stage % tp == 0 {
        points.append(
          MegatronGridPoint(dataParallel: stage / tp, tensorParallel: tp, pipelineParallel: pp))
      }
    }
    return points
  }
}
