import Foundation

/// What ``Calibrator`` measures and how long it spends: problem sizes and repeats.
public struct CalibrationOptions: Sendable, Hashable, Codable {
  /// n of the n×n×n f32 `dot_general`s timed, one thread per core, for the matmul rate and how
  /// it grows with size; the largest is also timed on every thread count.
  public var matmulSizes: [Int]
  /// Device threads computing at once in the largest matmul and the STREAM runs; the host's
  /// cores must be among them, since that is the rate the `cpu` profile records.
  public var threadCounts: [Int]
  /// f32 elements per array of the STREAM kernels.
  public var streamElements: Int
  /// Bytes each device contributes to a collective, or sends in a message.
  public var messageBytes: [Int]
  /// Group sizes of the collectives.
  public var groupSizes: [Int]
  /// Timed repetitions of every measurement (after one warm-up); medians are kept.
  public var repeats: Int
  /// Tiny ops (each with the free of its result) timed for the per-op overhead.
  public var overheadOps: Int
  /// Cores of this host, each a device of the `cpu` cluster.
  public var cores: Int

  /// Creates options; the defaults take several seconds on a 2-core machine.
  ///
  /// - Parameters:
  ///   - matmulSizes: Default 32 to 1024 by doubling: from products dominated by their fixed
  ///     costs to 2.1 GFLOP, far above the size where OpenBLAS nears its peak (CLIBS.md).
  ///   - threadCounts: Default 1, the cores, and twice the cores (time-shared).
  ///   - streamElements: Default 4 Mi elements (16 MiB per array), larger than the last-level
  ///     caches of common server parts, as STREAM requires.
  ///   - messageBytes: Default 4 KiB, 64 KiB, 1 MiB and 4 MiB per device.
  ///   - groupSizes: Default 2, 4 and 8 devices.
  ///   - repeats: Default 10: rates keep the best round, which a busy machine makes rarer.
  ///   - overheadOps: Default 2000.
  ///   - cores: Default `ProcessInfo.processInfo.activeProcessorCount`.
  public init(
    matmulSizes: [Int] = [32, 64, 128, 256, 512, 1024], threadCounts: [Int]? = nil,
    streamElements: Int = 4 << 20,
    messageBytes: [Int] = [4 << 10, 64 << 10, 1 << 20, 4 << 20], groupSizes: [Int] = [2, 4, 8],
    repeats: Int = 10, overheadOps: Int = 2000,
    cores: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    self.matmulSizes = matmulSizes
    self.threadCounts = threadCounts ?? Array(Set([1, cores, 2 * cores])).sorted()
    self.streamElements = streamElements
    self.messageBytes = messageBytes
    self.groupSizes = groupSizes
    self.repeats = repeats
    self.overheadOps = overheadOps
    self.cores = cores
  }

  /// Tiny sizes that finish in well under a second: for tests, not for a usable profile.
  public static var quick: CalibrationOptions {
    CalibrationOptions(
      matmulSizes: [8, 16, 32], streamElements: 1024, messageBytes: [256, 4096], groupSizes: [2],
      repeats: 2, overheadOps: 20)
  }

  /// The largest matmul size.
  public var largestMatmulSize: Int { matmulSizes.max() ?? 0 }

  /// Group sizes whose collectives the `cpu` cluster's link is fitted to: those that fit on
  /// this host's devices (one per core), and at least pairs.
  public var linkGroupSizes: ClosedRange<Int> { 2...max(2, cores) }
}
