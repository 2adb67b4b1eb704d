import Foundation
import ShardlineHardware
import ShardlineInterpreter

/// Runs one ``DeviceProgram`` per device concurrently on a ``RuntimeBackend`` and collects what
/// the programs download.
///
/// Each device gets its own thread (not a task of Swift's cooperative pool, which blocking
/// rendezvous would starve), so any number of devices runs on any number of cores. The run ends
/// when every program has finished, or stops at the first error:
/// - a device's instruction throws: the backend is aborted, which releases every other device,
///   and the run throws that device's error;
/// - no instruction completes anywhere for ``ExecutionOptions/watchdogTimeoutSeconds`` while
///   every unfinished device waits in a communication instruction: the run throws
///   ``RuntimeError/deadlock(timeoutSeconds:blocked:)`` naming each waiting device and
///   instruction;
/// - the calling task is cancelled: the run throws ``RuntimeError/cancelled``.
///
/// Buffers a program leaves alive are freed when it ends. A backend that was aborted stays
/// aborted: use a new one for the next run.
public struct Execution: Sendable {
  /// One program per device, each device at most once.
  public var programs: [DeviceProgram]
  /// The watchdog timeout and thread settings.
  public var options: ExecutionOptions

  /// Creates a run of `programs`.
  public init(programs: [DeviceProgram], options: ExecutionOptions = ExecutionOptions()) {
    self.programs = programs
    self.options = options
  }

  /// Runs the programs and returns each device's downloads, in download order.
  ///
  /// - Parameters:
  ///   - backend: Drives every device the programs name.
  ///   - inputs: The tensors each device's `upload` instructions read, by index.
  /// - Returns: For every program's device, the tensors its `download` instructions copied out.
  /// - Throws: ``RuntimeError/invalidProgram(device:reason:)`` or a
  ///   ``DeviceProgram/validate(inputCount:)`` error before anything runs; otherwise the error
  ///   that stopped the run (see ``Execution``).
  public func run(on backend: any RuntimeBackend, inputs: [DeviceID: [HostTensor]] = [:])
    async throws(RuntimeError) -> [DeviceID: [HostTensor]]
  {
    try await report(on: backend, inputs: inputs).downloads
  }

  /// Runs the programs and returns each device's downloads, the time it spent computing, and
  /// when each of its instructions ran.
  ///
  /// - Parameters:
  ///   - backend: Drives every device the programs name.
  ///   - inputs: The tensors each device's `upload` instructions read, by index.
  /// - Throws: As ``run(on:inputs:)`` does.
  public func report(on backend: any RuntimeBackend, inputs: [DeviceID: [HostTensor]] = [:])
    async throws(RuntimeError) -> ExecutionReport
  {
    try validate(on: backend, inputs: inputs)
    let monitor = ExecutionMonitor(
      programs: programs, backend: backend, timeoutSeconds: options.watchdogTimeoutSeconds)
    let epoch = DispatchTime.now().uptimeNanoseconds
    let result = await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        for (slot, program) in programs.enumerated() {
          let worker = DeviceWorker(
            slot: slot, program: program, inputs: inputs[program.device] ?? [], backend: backend,
            monitor: monitor, epochNanoseconds: epoch)
          let thread = Thread { worker.run() }
          thread.stackSize = options.threadStackBytes
          thread.name = "shardline-\(program.device)"
          thread.start()
        }
        let watchdog = Thread { continuation.resume(returning: monitor.watch()) }
        watchdog.name = "shardline-watchdog"
        watchdog.start()
      }
    } onCancel: {
      monitor.stop(with: .cancelled)
    }
    return try result.get()
  }

  private func validate(on backend: any RuntimeBackend, inputs: [DeviceID: [HostTensor]])
    throws(RuntimeError)
  {
    let known = Set(backend.devices)
    var seen: Set<DeviceID> = []
    for program in programs {
      guard known.contains(program.device) else { throw .unknownDevice(program.device) }
      guard seen.insert(program.device).inserted else {
        throw .invalidProgram(device: program.device, reason: "the device has two programs")
      }
      try program.validate(inputCount: inputs[program.device]?.count ?? 0)
    }
    if let stray = inputs.keys.sorted().first(where: { !seen.contains($0) }) {
      throw .invalidProgram(device: stray, reason: "inputs for a device with no program")
    }
    try Self.checkMessagesMatch(programs)
  }
}
