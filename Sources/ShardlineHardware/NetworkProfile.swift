/// The network between hosts, as one host sees it: its NICs, the bandwidth of each, and latency.
public struct NetworkProfile: Sendable, Codable, Hashable, CustomStringConvertible {
  /// A name for displays, such as `100 Gb/s EFA`.
  public var name: String
  /// Network interfaces per host.
  public var nicCount: Int
  /// Unidirectional bandwidth of one NIC, in bytes per second (a 100 Gb/s NIC is 12.5e9).
  public var nicBandwidthBytesPerSecond: Double
  /// Latency of one message between hosts, in seconds.
  public var latencySeconds: Double

  /// Creates a network profile; units are in the parameter names.
  public init(
    name: String, nicCount: Int, nicBandwidthBytesPerSecond: Double, latencySeconds: Double
  ) {
    self.name = name
    self.nicCount = nicCount
    self.nicBandwidthBytesPerSecond = nicBandwidthBytesPerSecond
    self.latencySeconds = latencySeconds
  }

  /// Total unidirectional bandwidth of one host's NICs, in bytes per second.
  public var hostBandwidthBytesPerSecond: Double { Double(nicCount) * nicBandwidthBytesPerSecond }

  /// `4 × 100 Gb/s EFA (15 µs)`.
  public var description: String {
    "\(nicCount) × \(name) (\(formatted(latencySeconds * 1e6)) µs)"
  }
}

/// Inter-host network presets. Gb/s are bits: bytes per second = Gb/s × 1e9 / 8.
extension NetworkProfile {
  /// One 25 Gb/s Ethernet interface (AWS ENA on p3.16xlarge, the Alpa paper's testbed): 3.125 GB/s
  /// per host; TCP latency about 50 µs.
  public static let ethernet25Gbps = NetworkProfile(
    name: "25 Gb/s Ethernet", nicCount: 1, nicBandwidthBytesPerSecond: 25e9 / 8,
    latencySeconds: 50e-6)

  /// Four 100 Gb/s Elastic Fabric Adapters (AWS p4d.24xlarge, 400 Gb/s per host); about 15 µs.
  public static let efa4x100Gbps = NetworkProfile(
    name: "100 Gb/s EFA", nicCount: 4, nicBandwidthBytesPerSecond: 100e9 / 8,
    latencySeconds: 15e-6)

  /// Eight 200 Gb/s HDR InfiniBand adapters, one per GPU (NVIDIA DGX A100 datasheet); about 5 µs.
  public static let infinibandHDR8x200Gbps = NetworkProfile(
    name: "200 Gb/s HDR InfiniBand", nicCount: 8, nicBandwidthBytesPerSecond: 200e9 / 8,
    latencySeconds: 5e-6)

  /// Eight 400 Gb/s NDR InfiniBand adapters, one per GPU (NVIDIA DGX H100 / HGX H200 datasheets);
  /// about 5 µs.
  public static let infinibandNDR8x400Gbps = NetworkProfile(
    name: "400 Gb/s NDR InfiniBand", nicCount: 8, nicBandwidthBytesPerSecond: 400e9 / 8,
    latencySeconds: 5e-6)

  /// One 10 Gb/s Ethernet interface: a placeholder for CPU clusters, which normally have one host.
  public static let ethernet10Gbps = NetworkProfile(
    name: "10 Gb/s Ethernet", nicCount: 1, nicBandwidthBytesPerSecond: 10e9 / 8,
    latencySeconds: 50e-6)
}
