import Foundation

/// Runs an asynchronous operation and blocks the calling thread until it ends.
///
/// For synchronous callers of the runtime (commands, the explorer's worker threads): the
/// devices are threads of their own, so the operation never needs the caller's thread. Do not
/// call it from Swift's cooperative pool, whose thread it would hold.
///
/// - Throws: What the operation throws.
func waitOnThisThread<T: Sendable>(
  _ operation: @escaping @Sendable () async throws -> T
) throws -> T {
  let outcome = Outcome<T>()
  let done = DispatchSemaphore(value: 0)
  Task {
    do {
      outcome.set(.success(try await operation()))
    } catch {
      outcome.set(.failure(error))
    }
    done.signal()
  }
  done.wait()
  return try outcome.get()
}

/// The result of an operation, handed from the task that ran it to the thread waiting for it.
private final class Outcome<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<T, any Error>?

  func set(_ result: Result<T, any Error>) {
    lock.withLock { self.result = result }
  }

  func get() throws -> T {
    try lock.withLock { result! }.get()
  }
}
