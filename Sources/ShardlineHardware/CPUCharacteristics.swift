import Foundation

/// Facts about the local CPU from which the `cpu` device, link and cluster presets are built:
/// nominal values by default, measured ones once a calibration has run.
///
/// Each core is one device. Memory capacity and memory bandwidth are totals for the host and are
/// shared evenly among the cores by ``DeviceProfile/cpu(_:)``.
public struct CPUCharacteristics: Sendable, Codable, Hashable {
  /// Cores used as devices.
  public var coreCount: Int
  /// Sustained f32 matmul (sgemm) rate of one core, in FLOP/s; f16 and bf16 run at this rate too.
  public var f32FlopsPerSecondPerCore: Double
  /// Physical memory of the host, in bytes.
  public var memoryBytes: Int
  /// Memory bandwidth of the whole host, in bytes per second.
  public var memoryBandwidthBytesPerSecond: Double
  /// Bandwidth of a copy between two cores through shared memory, in bytes per second.
  public var sharedMemoryBandwidthBytesPerSecond: Double
  /// Latency of handing a buffer from one core's thread to another's, in seconds.
  public var sharedMemoryLatencySeconds: Double

  /// Creates CPU characteristics from measured (or assumed) values; units are in the names.
  public init(
    coreCount: Int, f32FlopsPerSecondPerCore: Double, memoryBytes: Int,
    memoryBandwidthBytesPerSecond: Double, sharedMemoryBandwidthBytesPerSecond: Double,
    sharedMemoryLatencySeconds: Double
  ) {
    self.coreCount = coreCount
    self.f32FlopsPerSecondPerCore = f32FlopsPerSecondPerCore
    self.memoryBytes = memoryBytes
    self.memoryBandwidthBytesPerSecond = memoryBandwidthBytesPerSecond
    self.sharedMemoryBandwidthBytesPerSecond = sharedMemoryBandwidthBytesPerSecond
    self.sharedMemoryLatencySeconds = sharedMemoryLatencySeconds
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
