import Foundation
import ShardlineHardware
import ShardlineInterpreter

/// Running an ``Execution`` from synchronous code.
extension Execution {
  /// Runs the programs like ``report(on:inputs:)``, blocking the calling thread until they end.
  ///
  /// The devices are threads of their own, so this may be called from a command's thread; do
  /// not call it from Swift's cooperative pool, whose thread it would hold.
  ///
  /// - Throws: As ``run(on:inputs:)`` does.
  public func reportWaiting(on backend: any RuntimeBackend, inputs: [DeviceID: [HostTensor]] = [:])
    throws(RuntimeError) -> ExecutionReport
  {
    let box = ReportBox()
    let done = DispatchSemaphore(value: 0)
    let execution = self
    Task {
      do throws(RuntimeError) {
        box.set(.success(try await execution.report(on: backend, inputs: inputs)))
      } catch {
        box.set(.failure(error))
      }
      done.signal()
    }
    done.wait()
    return try box.get()
  }
}

/// The outcome of a run, handed from the task that ran it to the thread waiting for it.
private final class ReportBox: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<ExecutionReport, RuntimeError>?

  func set(_ result: Result<ExecutionReport, RuntimeError>) {
    lock.withLock { self.result = result }
  }

  func get() throws(RuntimeError) -> ExecutionReport {
    guard let result = lock.withLock({ self.result }) else {
      preconditionFailure("the run's outcome was read before it was set")
    }
    return try result.get()
  }
}
