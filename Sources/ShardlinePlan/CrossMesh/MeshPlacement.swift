import ShardlineHardware
import ShardlineSharding

/// Where a tensor lives: the concrete devices of a submesh viewed as a logical (n0, n1) mesh, and
/// its sharding there.
///
/// The layout follows ``LogicalMesh``: logical device (i, j) is `devices[i·n1 + j]`. For the
/// destination of a transfer to use the local all-gather (see ``CrossMeshResharding``), `devices`
/// must be in host-major order with as many devices on each host (see ``submeshShape(on:)``), as
/// ``PhysicalMesh/place(_:)`` returns them.
public struct MeshPlacement: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The submesh's devices; logical device (i, j) is `devices[i·n1 + j]`.
  public var devices: [DeviceID]
  /// The logical view (n0, n1) of the devices.
  public var shape: LogicalMeshShape
  /// The tensor's sharding over ``shape``; a pending partial sum is not a placement a transfer
  /// accepts (see ``CrossMeshResharding/transfer(_:from:to:on:)``).
  public var spec: ShardingSpec

  /// Creates a placement; `devices` must hold exactly n0·n1 distinct devices.
  public init(devices: [DeviceID], shape: LogicalMeshShape, spec: ShardingSpec) {
    precondition(
      devices.count == shape.deviceCount, "\(devices.count) devices cannot form \(shape)")
    precondition(Set(devices).count == devices.count, "a placement lists each device once")
    self.devices = devices
    self.shape = shape
    self.spec = spec
  }

  /// The axis sizes the spec is laid over.
  public var meshShape: MeshShape { MeshShape(shape.rows, shape.columns) }

  /// The device at logical position (`row`, `column`).
  public func device(row: Int, column: Int) -> DeviceID {
    precondition((0..<shape.rows).contains(row) && (0..<shape.columns).contains(column))
    return devices[row * shape.columns + column]
  }

  /// The submesh shape (n hosts × m devices) the devices form on `cluster`, or `nil` if they are
  /// not host-major with m devices on each of their hosts.
  ///
  /// - Complexity: O(devices).
  public func submeshShape(on cluster: ClusterSpec) -> SubmeshShape? {
    guard !devices.isEmpty else { return nil }
    let devicesPerHost = cluster.host.devicesPerHost
    var hostCount = 0
    var runLength = 0
    var currentHost = -1
    var seenHosts: Set<Int> = []
    var runLengths: [Int] = []
    for device in devices {
      let host = device.rawValue / devicesPerHost
      if host != currentHost {
        guard seenHosts.insert(host).inserted else { return nil }
        if currentHost >= 0 { runLengths.append(runLength) }
        currentHost = host
        runLength = 0
        hostCount += 1
      }
      runLength += 1
    }
    runLengths.append(runLength)
    guard let first = runLengths.first, runLengths.allSatisfy({ $0 == first }) else { return nil }
    return SubmeshShape(hostCount: hostCount, devicesPerHost: first)
  }

  /// The logical mesh, with its link costs, that collectives inside this placement use, or `nil`
  /// if the devices do not form a submesh (see ``submeshShape(on:)``).
  public func logicalMesh(on cluster: ClusterSpec) -> LogicalMesh? {
    submeshShape(on: cluster).map { LogicalMesh(shape: shape, submesh: $0, host: cluster.host) }
  }

  /// `S0R on 2×4 [d0 d1 d2 d3 d4 d5 d6 d7]`.
  public var description: String {
    "\(spec) on \(shape) [\(devices.map(\.description).joined(separator: " "))]"
  }
}
