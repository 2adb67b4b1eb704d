/// What the planner needs to know about one accelerator (or one CPU core): its compute rates,
/// memory capacity and memory bandwidth.
public struct DeviceProfile: Sendable, Codable, Hashable, CustomStringConvertible {
  /// The broad class of a device.
  public enum Kind: String, Sendable, Codable, Hashable {
    /// A GPU with its own memory.
    case gpu
    /// One core of a host CPU, sharing host memory with the other cores.
    case cpu
  }

  /// A short name, such as `a100-40gb`; preset names are listed in ``presetNames``.
  public var name: String
  /// Whether this is a GPU or a CPU core.
  public var kind: Kind
  /// Peak dense throughput per precision, in FLOP/s.
  public var peakFlopsPerSecond: PeakFlops
  /// Memory available to one device, in bytes.
  public var memoryBytes: Int
  /// Peak memory bandwidth of one device, in bytes per second.
  public var memoryBandwidthBytesPerSecond: Double
  /// Measured fixed time per op on this device, in seconds (a calibrated CPU sets it); `nil`
  /// leaves the cost model's default for the device's kind.
  public var perOpOverheadSeconds: Double?
  /// Measured FLOPs at which a matrix product reaches half of the peak matmul efficiency (a
  /// calibrated CPU sets it); `nil` leaves the cost model's default for the device's kind.
  public var matmulHalfEfficiencyFlops: Double?
  /// Measured elements per second (read plus written) of each kind of op other than matrix
  /// products on one device, by op kind name (a calibrated CPU sets it); a kind left out, or
  /// `nil`, is priced by its FLOPs and bytes alone.
  public var elementsPerSecondByOpKind: [String: Double]?
  /// This device's share of the last-level cache, in bytes, when known (a calibrated CPU). An
  /// op with a measured kind rate whose bytes fit in it is priced at that rate alone: the rate
  /// was measured on such ops, cache traffic included, and memory bandwidth does not bind them.
  public var cacheBytes: Int?

  /// Creates a device profile; units are in the parameter names.
  public init(
    name: String, kind: Kind, peakFlopsPerSecond: PeakFlops, memoryBytes: Int,
    memoryBandwidthBytesPerSecond: Double, perOpOverheadSeconds: Double? = nil,
    matmulHalfEfficiencyFlops: Double? = nil, elementsPerSecondByOpKind: [String: Double]? = nil,
    cacheBytes: Int? = nil
  ) {
    self.name = name
    self.kind = kind
    self.peakFlopsPerSecond = peakFlopsPerSecond
    self.memoryBytes = memoryBytes
    self.memoryBandwidthBytesPerSecond = memoryBandwidthBytesPerSecond
    self.perOpOverheadSeconds = perOpOverheadSeconds
    self.matmulHalfEfficiencyFlops = matmulHalfEfficiencyFlops
    self.elementsPerSecondByOpKind = elementsPerSecondByOpKind
    self.cacheBytes = cacheBytes
  }

  /// The peak rate for `precision`, in FLOP/s, with the fallbacks of
  /// ``PeakFlops/flopsPerSecond(for:)``.
  public func peakFlops(for precision: ComputePrecision) -> Double {
    peakFlopsPerSecond.flopsPerSecond(for: precision)
  }

  /// `a100-40gb (gpu, 40 GiB, 1555 GB/s, f32 19.5 TFLOP/s, f16 312 TFLOP/s)`.
  public var description: String {
    let gib = Double(memoryBytes) / Double(1 << 30)
    return "\(name) (\(kind.rawValue), \(formatted(gib)) GiB, "
      + "\(formatted(memoryBandwidthBytesPerSecond / 1e9)) GB/s, "
      + "f32 \(formatted(peakFlopsPerSecond.f32 / 1e12)) TFLOP/s, "
      + "f16 \(formatted(peakFlopsPerSecond.f16 / 1e12)) TFLOP/s)"
  }
}
