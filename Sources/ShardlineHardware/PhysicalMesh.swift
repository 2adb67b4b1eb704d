/// The devices of a cluster as a grid: hosts × devices per host, numbered host-major.
public struct PhysicalMesh: Sendable, Codable, Hashable, CustomStringConvertible {
  /// Number of hosts (N).
  public let hostCount: Int
  /// Devices on each host (M).
  public let devicesPerHost: Int

  /// Creates an N × M mesh; both counts must be at least 1.
  public init(hostCount: Int, devicesPerHost: Int) {
    precondition(hostCount >= 1 && devicesPerHost >= 1, "a mesh needs at least one device")
    self.hostCount = hostCount
    self.devicesPerHost = devicesPerHost
  }

  /// Devices in the mesh: N·M.
  public var deviceCount: Int { hostCount * devicesPerHost }

  /// Every device, in host-major order.
  public var deviceIDs: [DeviceID] { (0..<deviceCount).map(DeviceID.init(rawValue:)) }

  /// The device at position `localIndex` of host `host`.
  public func deviceID(host: Int, localIndex: Int) -> DeviceID {
    precondition((0..<hostCount).contains(host) && (0..<devicesPerHost).contains(localIndex))
    return DeviceID(host * devicesPerHost + localIndex)
  }

  /// The host `device` belongs to.
  public func host(of device: DeviceID) -> Int { device.rawValue / devicesPerHost }

  /// The position of `device` within its host.
  public func localIndex(of device: DeviceID) -> Int { device.rawValue % devicesPerHost }

  /// The submesh shapes the inter-operator pass tries, in the order of Alpa §5.2:
  /// (1, 1), (1, 2), (1, 4), … — powers of two below M — then (1, M), then (2, M), …, (N, M).
  ///
  /// Any multiset of these shapes whose device counts add up to N·M tiles the mesh when M is a power
  /// of two (Alpa §5.2; see ``place(_:)``).
  public var submeshShapes: [SubmeshShape] {
    var shapes: [SubmeshShape] = []
    var width = 1
    while width < devicesPerHost {
      shapes.append(SubmeshShape(hostCount: 1, devicesPerHost: width))
      width *= 2
    }
    for hosts in 1...hostCount {
      shapes.append(SubmeshShape(hostCount: hosts, devicesPerHost: devicesPerHost))
    }
    return shapes
  }

  /// `2×8`.
  public var description: String { "\(hostCount)×\(devicesPerHost)" }
}
