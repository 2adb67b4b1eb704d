import ShardlineHardware
import ShardlineInterpreter

/// What an ``Execution`` returns: each device's downloads, and how long it computed.
public struct ExecutionReport: Sendable {
  /// The tensors each device's `download` instructions copied out, in download order.
  public var downloads: [DeviceID: [HostTensor]]
  /// The time each device spent in local instructions (uploads, ops, downloads, frees), not
  /// waiting on others, in seconds.
  public var busySeconds: [DeviceID: Double]

  /// Creates a report.
  public init(downloads: [DeviceID: [HostTensor]], busySeconds: [DeviceID: Double]) {
    self.downloads = downloads
    self.busySeconds = busySeconds
  }
}
