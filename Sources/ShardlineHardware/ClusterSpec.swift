/// A homogeneous cluster: a number of identical hosts joined by a network.
///
/// JSON form, as ``ClusterSpec/parse(_:)`` reads from a file (the host's form is documented on
/// ``HostProfile``):
/// ```json
/// { "name": "my-cluster", "hostCount": 2, "host": { … } }
/// ```
public struct ClusterSpec: Sendable, Codable, Hashable, CustomStringConvertible {
  /// A name for displays, such as `p3.16xlarge`.
  public var name: String
  /// Number of hosts.
  public var hostCount: Int
  /// What each host holds and how it is connected.
  public var host: HostProfile

  /// Creates a cluster of `hostCount` hosts like `host`; call ``validate()`` on values from users.
  public init(name: String, host: HostProfile, hostCount: Int) {
    self.name = name
    self.host = host
    self.hostCount = hostCount
  }

  /// Devices in the whole cluster: hosts × devices per host.
  public var deviceCount: Int { hostCount * host.devicesPerHost }

  /// The cluster's devices as a hosts × devices-per-host grid.
  public var physicalMesh: PhysicalMesh {
    PhysicalMesh(hostCount: hostCount, devicesPerHost: host.devicesPerHost)
  }

  /// `p3.16xlarge × 2 (16 devices): 8 × v100-sxm2-16gb, NVLink2 (…), 1 × 25 Gb/s Ethernet (…)`.
  public var description: String {
    "\(name) × \(hostCount) (\(deviceCount) devices): \(host)"
  }
}
