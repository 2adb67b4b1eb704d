import Synchronization

/// The cancellation flag of one background re-solve or run: set on the main actor by
/// ``ExplorerAction/cancelSolve`` or ``ExplorerAction/cancelRun``, read by the work between
/// steps.
public final class SolveCancellation: Sendable {
  private let flag = Atomic<Bool>(false)

  /// A flag not yet set.
  public init() {}

  /// Whether the run was cancelled.
  public var isCancelled: Bool { flag.load(ordering: .acquiring) }

  /// Marks the run cancelled; its result, if it still comes, is dropped.
  public func cancel() { flag.store(true, ordering: .releasing) }
}
