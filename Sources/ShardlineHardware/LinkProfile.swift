/// A link between devices, described by what one device sees: its bandwidth in one direction and
/// the fixed latency of a transfer.
///
/// For switched or meshed fabrics the bandwidth is the effective per-device figure a ring
/// collective reaches (NCCL's "bus bandwidth"), which is what the α-β model's β needs.
public struct LinkProfile: Sendable, Codable, Hashable, CustomStringConvertible {
  /// A name for displays, such as `NVSwitch NVLink3`.
  public var name: String
  /// Unidirectional bandwidth available to one device, in bytes per second.
  public var bandwidthBytesPerSecond: Double
  /// Fixed cost of one transfer or collective step, in seconds.
  public var latencySeconds: Double

  /// Creates a link; units are in the parameter names.
  public init(name: String, bandwidthBytesPerSecond: Double, latencySeconds: Double) {
    self.name = name
    self.bandwidthBytesPerSecond = bandwidthBytesPerSecond
    self.latencySeconds = latencySeconds
  }

  /// `NVSwitch NVLink3 (300 GB/s, 5 µs)`.
  public var description: String {
    "\(name) (\(formatted(bandwidthBytesPerSecond / 1e9)) GB/s, "
      + "\(formatted(latencySeconds * 1e6)) µs)"
  }
}

/// Intra-host link presets. Latencies are nominal small-message figures of NCCL on each fabric.
extension LinkProfile {
  /// NVLink 2 in the hybrid cube mesh of DGX-1V / AWS p3.16xlarge (8 × V100).
  ///
  /// Not every GPU pair has a direct link, so the raw 300 GB/s per GPU is not reachable by a ring;
  /// NCCL's all-reduce bus bandwidth on DGX-1V class machines is about 130 GB/s (nccl-tests), which
  /// is used here.
  public static let nvlink2HybridCubeMesh = LinkProfile(
    name: "NVLink2 (hybrid cube mesh)", bandwidthBytesPerSecond: 130e9, latencySeconds: 5e-6)

  /// Third-generation NVLink through NVSwitch (DGX A100, AWS p4d.24xlarge): 600 GB/s per GPU in
  /// both directions together, 300 GB/s each way (NVIDIA A100 datasheet).
  public static let nvswitchNVLink3 = LinkProfile(
    name: "NVSwitch NVLink3", bandwidthBytesPerSecond: 300e9, latencySeconds: 5e-6)

  /// Fourth-generation NVLink through NVSwitch (DGX H100, HGX H200): 900 GB/s per GPU in both
  /// directions together, 450 GB/s each way (NVIDIA H100 and H200 datasheets).
  public static let nvswitchNVLink4 = LinkProfile(
    name: "NVSwitch NVLink4", bandwidthBytesPerSecond: 450e9, latencySeconds: 5e-6)

  /// PCIe 4.0 ×16 between GPUs without NVLink: 16 GT/s × 16 lanes with 128b/130b coding is about
  /// 31.5 GB/s each way (PCI-SIG PCIe 4.0 specification).
  public static let pcie4x16 = LinkProfile(
    name: "PCIe 4.0", bandwidthBytesPerSecond: 31.5e9, latencySeconds: 10e-6)

  /// Copies between CPU cores through shared memory.
  ///
  /// - Parameter cpu: Nominal values by default (10 GB/s, 5 µs); pass measured ones after
  ///   calibration.
  public static func sharedMemory(_ cpu: CPUCharacteristics = .nominal) -> LinkProfile {
    LinkProfile(
      name: "shared memory", bandwidthBytesPerSecond: cpu.sharedMemoryBandwidthBytesPerSecond,
      latencySeconds: cpu.sharedMemoryLatencySeconds)
  }
}
