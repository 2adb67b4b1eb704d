/// How an ``Execution`` runs its programs.
public struct ExecutionOptions: Sendable, Codable, Hashable {
  /// How long, in seconds, every unfinished device may wait on others with no instruction
  /// completing anywhere before the run stops with ``RuntimeError/deadlock(timeoutSeconds:blocked:)``.
  /// Time a device spends in a local instruction (an upload, op, download or free) never counts
  /// as a deadlock, however long it takes.
  public var watchdogTimeoutSeconds: Double = 5
  /// Stack size of each device's thread, in bytes.
  public var threadStackBytes: Int = 8 << 20

  /// Creates options; every field has a default.
  public init(watchdogTimeoutSeconds: Double = 5, threadStackBytes: Int = 8 << 20) {
    self.watchdogTimeoutSeconds = watchdogTimeoutSeconds
    self.threadStackBytes = threadStackBytes
  }
}
