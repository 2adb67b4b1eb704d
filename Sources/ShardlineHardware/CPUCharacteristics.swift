import Foundation

/// Facts about the local CPU from which the `cpu` device, link and cluster presets are built:
/// nominal values by default, measured ones once a calibration has run.
///
/// Each core is one device. Memory capacity and memory bandwidth are totals for the host and are
/// shared evenly among the devices by ``DeviceProfile/cpu(_:devicesPerHost:)``.
///
/// Virtual devices are threads: a host given more devices than it has cores runs them
/// time-shared, so each device gets `cores / devices` of a core. The per-core rate is what one
/// device thread reaches while every core runs one (as a plan's devices do), not what a lone
/// thread reaches on an idle machine; `shardline calibrate` measures it that way.
///
/// JSON form (as `shardline calibrate` writes it; the last three keys may be left out):
/// ```json
/// { "coreCount": 2, "f32FlopsPerSecondPerCore": 9.1e10, "memoryBytes": 25769803776,
///   "memoryBandwidthBytesPerSecond": 1.2e10, "sharedMemoryBandwidthBytesPerSecond": 5e9,
///   "sharedMemoryLatencySeconds": 2e-5, "perOpOverheadSeconds": 3e-6,
///   "matmulHalfEfficiencyFlops": 4e4,
///   "elementsPerSecondPerCore": { "reduce_max": 6e8, "tanh": 1e8, "transpose": 9e8 },
///   "lastLevelCacheBytes": 33554432 }
/// ```
public struct CPUCharacteristics: Sendable, Codable, Hashable {
  /// Cores used as devices.
  public var coreCount: Int
  /// Peak f32 matmul (sgemm) rate of one device thread while every core runs one, in FLOP/s;
  /// f16 and bf16 run at this rate too. The cost model scales it by its matmul efficiency.
  public var f32FlopsPerSecondPerCore: Double
  /// Physical memory of the host, in bytes.
  public var memoryBytes: Int
  /// Memory bandwidth of the whole host, in bytes per second.
  public var memoryBandwidthBytesPerSecond: Double
  /// Bandwidth of a copy between two cores through shared memory, in bytes per second.
  public var sharedMemoryBandwidthBytesPerSecond: Double
  /// Latency of handing a buffer from one core's thread to another's, in seconds.
  public var sharedMemoryLatencySeconds: Double
  /// Fixed time the runtime spends on each local op besides its arithmetic and memory traffic
  /// (type check, dispatch, allocating the result, freeing it later), in seconds; `nil` leaves
  /// the cost model's CPU default.
  public var perOpOverheadSeconds: Double?
  /// FLOPs at which a matrix product reaches half of the cost model's peak matmul efficiency on
  /// this machine (the knee of OpenBLAS's rate against size); `nil` leaves the cost model's CPU
  /// default.
  public var matmulHalfEfficiencyFlops: Double?
  /// Elements per second one device thread gets through in each kind of op other than matrix
  /// products, by op kind name (`reduce_max`, `tanh`, `transpose`), while every core runs one:
  /// elements read plus elements written, as ``ComputeCostModel`` counts them. The kernels are
  /// scalar loops whose speed depends on the kind far more than a roofline says (a `tanh` costs
  /// tens of FLOPs' time, a max reduction is bound by its compare, not by memory); a kind left
  /// out, or `nil`, is priced by its FLOPs and bytes alone.
  public var elementsPerSecondPerCore: [String: Double]?
  /// Size of the host's last-level cache, in bytes, shared by its cores; `nil` when unknown.
  /// An op whose operands and result fit in a device's share of it runs at its kind's measured
  /// rate rather than at the memory bandwidth (see ``DeviceProfile/cacheBytes``).
  public var lastLevelCacheBytes: Int?

  /// Creates CPU characteristics from measured (or assumed) values; units are in the names.
  public init(
    coreCount: Int, f32FlopsPerSecondPerCore: Double, memoryBytes: Int,
    memoryBandwidthBytesPerSecond: Double, sharedMemoryBandwidthBytesPerSecond: Double,
    sharedMemoryLatencySeconds: Double, perOpOverheadSeconds: Double? = nil,
    matmulHalfEfficiencyFlops: Double? = nil, elementsPerSecondPerCore: [String: Double]? = nil,
    lastLevelCacheBytes: Int? = nil
  ) {
    self.coreCount = coreCount
    self.f32FlopsPerSecondPerCore = f32FlopsPerSecondPerCore
    self.memoryBytes = memoryBytes
    self.memoryBandwidthBytesPerSecond = memoryBandwidthBytesPerSecond
    self.sharedMemoryBandwidthBytesPerSecond = sharedMemoryBandwidthBytesPerSecond
    self.sharedMemoryLatencySeconds = sharedMemoryLatencySeconds
    self.perOpOverheadSeconds = perOpOverheadSeconds
    self.matmulHalfEfficiencyFlops = matmulHalfEfficiencyFlops
    self.elementsPerSecondPerCore = elementsPerSecondPerCore
    self.lastLevelCacheBytes = lastLevelCacheBytes
  }

  /// Nominal values for this machine, until a calibration replaces them with measurements.
  ///
  /// - Cores: `ProcessInfo.processInfo.activeProcessorCount`.
  /// - 100 GFLOP/s per core: OpenBLAS sgemm on one core of an AVX-512 server part (AMD EPYC Zen 4,
  ///   2 × 256-bit FMA pipes = 32 f32 FLOP/cycle at ~3 GHz is ~100 GFLOP/s peak).
  /// - Memory: `ProcessInfo.processInfo.physicalMemory`.
  /// - 20 GB/s memory bandwidth for the host, and 10 GB/s / 5 µs for core-to-core copies:
  ///   conservative STREAM-style figures for a small virtual machine.
  public static var nominal: CPUCharacteristics {
    CPUCharacteristics(
      coreCount: ProcessInfo.processInfo.activeProcessorCount,
      f32FlopsPerSecondPerCore: 100e9,
      memoryBytes: Int(clamping: ProcessInfo.processInfo.physicalMemory),
      memoryBandwidthBytesPerSecond: 20e9,
      sharedMemoryBandwidthBytesPerSecond: 10e9,
      sharedMemoryLatencySeconds: 5e-6
    )
  }
}
