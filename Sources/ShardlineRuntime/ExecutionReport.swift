import ShardlineHardware
import ShardlineInterpreter

/// What an ``Execution`` returns: each device's downloads, how long it computed, and when each
/// of its instructions ran.
public struct ExecutionReport: Sendable {
  /// The tensors each device's `download` instructions copied out, in download order.
  public var downloads: [DeviceID: [HostTensor]]
  /// The time each device spent in local instructions (uploads, ops, downloads, frees), not
  /// waiting on others, in seconds.
  public var busySeconds: [DeviceID: Double]
  /// When each of a device's instructions started and ended, by instruction index, in seconds
  /// from the start of the run on a monotonic clock.
  public var instructionSeconds: [DeviceID: [ClosedRange<Double>]]

  /// Creates a report.
  public init(
    downloads: [DeviceID: [HostTensor]], busySeconds: [DeviceID: Double],
    instructionSeconds: [DeviceID: [ClosedRange<Double>]] = [:]
  ) {
    self.downloads = downloads
    self.busySeconds = busySeconds
    self.instructionSeconds = instructionSeconds
  }
}
