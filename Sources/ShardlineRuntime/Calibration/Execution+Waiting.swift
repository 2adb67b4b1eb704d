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
    let execution = self
    do {
      return try waitOnThisThread { try await execution.report(on: backend, inputs: inputs) }
    } catch let error as RuntimeError {
      throw error
    } catch {
      preconditionFailure("Execution.report throws only RuntimeError, not \(error)")
    }
  }
}
