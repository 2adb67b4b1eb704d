import ShardlineHardware

extension DeviceGroup {
  /// The groups a collective along `axes` of a logical mesh runs on.
  ///
  /// The mesh views `devices` row-major: device (i, j) is `devices[i·n1 + j]`. Along axis 0 there
  /// is one group per column j, `[(0, j), (1, j), …]`; along axis 1 one group per row i,
  /// `[(i, 0), (i, 1), …]`; along both, one group of all devices in row-major order. Every device
  /// is in exactly one of the returned groups.
  ///
  /// - Parameters:
  ///   - devices: The submesh's devices, n0·n1 of them.
  ///   - shape: The logical view (n0, n1).
  ///   - axes: Which axes the collective runs along.
  /// - Returns: n1 groups of n0 devices for axis 0, n0 groups of n1 for axis 1, one for both.
  /// - Precondition: `devices.count == shape.deviceCount` and no device appears twice.
  public static func meshGroups(
    of devices: [DeviceID], shape: LogicalMeshShape, along axes: MeshAxes
  ) -> [DeviceGroup] {
    precondition(
      devices.count == shape.deviceCount,
      "\(devices.count) devices for a \(shape) logical mesh")
    let (rows, columns) = (shape.rows, shape.columns)
    switch axes {
    case .axis0:
      return (0..<columns).map { j in DeviceGroup((0..<rows).map { i in devices[i * columns + j] })
      }
    case .axis1:
      return (0..<rows).map { i in DeviceGroup(Array(devices[i * columns..<(i + 1) * columns])) }
    case .both:
      return [DeviceGroup(devices)]
    }
  }
}
