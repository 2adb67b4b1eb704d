import ShardlineHardware

/// Giving a stage another submesh (``PlanEdit/setSubmesh(stage:_:)``) and placing every stage's
/// devices again.
extension Plan {
  /// Gives stage `stage` (and, under interleaved 1F1B, every stage sharing its devices) the
  /// submesh `shape`, viewed as hosts × devices per host, and places every stage again.
  mutating func setSubmesh(stage: Int, _ shape: SubmeshShape) throws(PlanEditError) {
    try checkStage(stage)
    let mesh = cluster.physicalMesh
    guard shape.hostCount <= mesh.hostCount, shape.devicesPerHost <= mesh.devicesPerHost else {
      throw .submeshTooLarge(shape, mesh: mesh)
    }
    // Under interleaved 1F1B the stages sharing a device list are chunks of one device group:
    // they keep sharing one.
    let groupOf = stages.indices.map { index in
      schedule == .interleavedOneFOneB
        ? stages.firstIndex { $0.devices == stages[index].devices }! : index
    }
    for index in stages.indices where groupOf[index] == groupOf[stage] {
      stages[index].submesh = shape
      stages[index].logicalShape = LogicalMeshShape(
        rows: shape.hostCount, columns: shape.devicesPerHost)
      stages[index].forgetSearchEstimates()
    }
    let leaders = stages.indices.filter { groupOf[$0] == $0 }
    let shapes = leaders.map { stages[$0].submesh }
    let placed =
      mesh.placeContiguously(shapes) ?? mesh.place(shapes)
      ?? Self.oneAfterAnother(shapes, devicesPerHost: mesh.devicesPerHost)
    for (leader, devices) in zip(leaders, placed) {
      for index in stages.indices where groupOf[index] == leader {
        stages[index].devices = devices
      }
    }
  }

  /// Places `shapes` in order, each after the previous one on hosts of `devicesPerHost`
  /// devices, a shape spanning hosts or that would straddle two starting on the next host;
  /// past the cluster's last device when they need more than it has, which the evaluator
  /// reports as a devices issue.
  private static func oneAfterAnother(_ shapes: [SubmeshShape], devicesPerHost: Int)
    -> [[DeviceID]]
  {
    var next = 0
    return shapes.map { shape in
      let offset = next % devicesPerHost
      let spansHosts = shape.hostCount > 1 || shape.devicesPerHost == devicesPerHost
      if offset != 0 && (spansHosts || offset + shape.devicesPerHost > devicesPerHost) {
        next += devicesPerHost - offset
      }
      let start = next
      next += spansHosts ? shape.hostCount * devicesPerHost : shape.devicesPerHost
      return (0..<shape.hostCount).flatMap { host in
        (0..<shape.devicesPerHost).map { DeviceID(start + host * devicesPerHost + $0) }
      }
    }
  }
}
