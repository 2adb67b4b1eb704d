/// The shape of a submesh a pipeline stage runs on: n hosts × m devices on each (Alpa §5.2).
public struct SubmeshShape: Sendable, Codable, Hashable, CustomStringConvertible {
  /// Hosts the submesh spans (n).
  public let hostCount: Int
  /// Devices it uses on each of those hosts (m).
  public let devicesPerHost: Int

  /// Creates an n × m shape; both counts must be at least 1.
  public init(hostCount: Int, devicesPerHost: Int) {
    precondition(hostCount >= 1 && devicesPerHost >= 1, "a submesh needs at least one device")
    self.hostCount = hostCount
    self.devicesPerHost = devicesPerHost
  }

  /// Devices in the submesh: n·m.
  public var deviceCount: Int { hostCount * devicesPerHost }

  /// Every 2-D logical view of this submesh: each (n0, n1) with n0·n1 = n·m, by increasing n0.
  ///
  /// For a 2 × 8 submesh: 1×16, 2×8, 4×4, 8×2, 16×1.
  public var logicalShapes: [LogicalMeshShape] {
    (1...deviceCount).filter { deviceCount % $0 == 0 }.map {
      LogicalMeshShape(rows: $0, columns: deviceCount / $0)
    }
  }

  /// The logical views of this submesh on hosts like `host`, with their link costs.
  public func logicalMeshes(on host: HostProfile) -> [LogicalMesh] {
    logicalShapes.map { LogicalMesh(shape: $0, submesh: self, host: host) }
  }

  /// `2×8`.
  public var description: String { "\(hostCount)×\(devicesPerHost)" }
}
