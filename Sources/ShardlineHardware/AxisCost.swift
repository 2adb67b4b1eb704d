/// The α-β parameters of a group of devices that communicate together: along one logical mesh axis,
/// over the whole logical mesh, or between two devices.
///
/// A transfer of B bytes costs α + β·B; the collective formulas built on that are in
/// ``time(of:bytes:options:)``.
public struct AxisCost: Sendable, Codable, Hashable, CustomStringConvertible {
  /// Devices in each group (n).
  public var deviceCount: Int
  /// α: fixed latency of one collective or transfer, in seconds.
  public var latencySeconds: Double
  /// β: inverse bandwidth of the slowest link a group uses, in seconds per byte.
  public var secondsPerByte: Double
  /// Whether a group spans hosts, so that its traffic goes over the network.
  public var crossesHosts: Bool
  /// The bottleneck link, for displays: the intra-host link's name or the network's.
  public var linkName: String

  /// Creates α-β parameters; units are in the parameter names.
  public init(
    deviceCount: Int, latencySeconds: Double, secondsPerByte: Double, crossesHosts: Bool,
    linkName: String
  ) {
    self.deviceCount = deviceCount
    self.latencySeconds = latencySeconds
    self.secondsPerByte = secondsPerByte
    self.crossesHosts = crossesHosts
    self.linkName = linkName
  }

  /// 1/β: the bottleneck bandwidth per device, in bytes per second.
  public var bandwidthBytesPerSecond: Double { 1 / secondsPerByte }

  /// `n=8 over NVSwitch NVLink3: α 5 µs, 300 GB/s`.
  public var description: String {
    "n=\(deviceCount) over \(linkName): α \(formatted(latencySeconds * 1e6)) µs, "
      + "\(formatted(bandwidthBytesPerSecond / 1e9)) GB/s"
  }
}
