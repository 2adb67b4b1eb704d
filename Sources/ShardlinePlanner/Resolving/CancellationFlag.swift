import Synchronization

/// A flag the caller sets to stop a re-solve (or a search) between solves.
///
/// The planner checks it before each intra-op ILP and between stages; once set, the run throws
/// ``PlannerError/cancelled`` instead of solving further. A flag stays set: use a new one for
/// the next run.
public final class CancellationFlag: Sendable {
  private let flag = Atomic<Bool>(false)

  /// A flag that is not set.
  public init() {}

  /// Sets the flag; safe from any thread, while the run is in progress.
  public func cancel() { flag.store(true, ordering: .relaxed) }

  /// Whether ``cancel()`` was called.
  public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

extension CancellationFlag? {
  /// Throws ``PlannerError/cancelled`` when the flag is set.
  func check() throws(PlannerError) {
    if let flag = self, flag.isCancelled { throw .cancelled }
  }
}
