import Foundation
import ShardlineHardware
import ShardlineInterpreter

/// The shared state of one run: where each device is in its program, the first error, and the
/// watchdog that turns a run with no progress into ``RuntimeError/deadlock(timeoutSeconds:blocked:)``.
///
/// Device threads report each instruction they begin and complete; the watchdog thread wakes at
/// least every ``checkInterval`` to compare the count of completed instructions with the last.
final class ExecutionMonitor: @unchecked Sendable {
  /// Where a device is in its program.
  private enum Status {
    /// Computing: starting up, or in a local instruction.
    case busy
    /// In the communication instruction at this index.
    case waiting(index: Int)
    /// Done, successfully or not.
    case finished
  }

  private let condition = NSCondition()
  private let backend: any RuntimeBackend
  private let programs: [DeviceProgram]
  private let timeout: Double
  private var status: [Status]
  private var results: [[HostTensor]]
  private var busySeconds: [Double]
  private var instructionSeconds: [[ClosedRange<Double>]]
  private var completed = 0
  private var finishedCount = 0
  private var firstError: RuntimeError?
  private var backendAborted = false

  /// A monitor for `programs` running on `backend`.
  init(programs: [DeviceProgram], backend: any RuntimeBackend, timeoutSeconds: Double) {
    self.programs = programs
    self.backend = backend
    timeout = timeoutSeconds
    status = Array(repeating: .busy, count: programs.count)
    results = Array(repeating: [], count: programs.count)
    busySeconds = Array(repeating: 0, count: programs.count)
    instructionSeconds = Array(repeating: [], count: programs.count)
  }

  /// How often the watchdog checks, in seconds.
  private var checkInterval: Double { min(max(timeout / 8, 0.005), 0.25) }

  /// Marks device `slot` as starting instruction `index`; `false` when the run has stopped.
  func begin(_ slot: Int, index: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    status[slot] = programs[slot].instructions[index].communicates ? .waiting(index: index) : .busy
    return firstError == nil
  }

  /// Counts a completed instruction of device `slot`.
  func complete(_ slot: Int) {
    condition.lock()
    status[slot] = .busy
    completed += 1
    condition.unlock()
  }

  /// Stops the run with `error` unless it already stopped; the first error is the run's.
  func stop(with error: RuntimeError) {
    condition.lock()
    if firstError == nil { firstError = error }
    condition.broadcast()
    condition.unlock()
  }

  /// Records that device `slot` finished with these downloads, having spent `busy` seconds in
  /// local instructions, and ran its instructions at `times` (seconds from the start of the run).
  func finish(
    _ slot: Int, results downloads: [HostTensor], busy: Double, times: [ClosedRange<Double>]
  ) {
    condition.lock()
    status[slot] = .finished
    results[slot] = downloads
    busySeconds[slot] = busy
    instructionSeconds[slot] = times
    finishedCount += 1
    condition.broadcast()
    condition.unlock()
  }

  /// Waits for every device to finish, aborting the backend once the run stops and declaring a
  /// deadlock when nothing progresses for the timeout.
  ///
  /// - Returns: Each device's downloads and busy time, or the error that stopped the run.
  func watch() -> Result<ExecutionReport, RuntimeError> {
    condition.lock()
    defer { condition.unlock() }
    var lastCompleted = completed
    var lastProgress = Date()
    while finishedCount < programs.count {
      if firstError != nil, !backendAborted {
        backendAborted = true
        backend.abort()
      }
      if completed != lastCompleted {
        lastCompleted = completed
        lastProgress = Date()
      } else if firstError == nil, -lastProgress.timeIntervalSinceNow >= timeout,
        let blocked = blockedDevices()
      {
        firstError = .deadlock(timeoutSeconds: timeout, blocked: blocked)
        continue
      }
      _ = condition.wait(until: Date(timeIntervalSinceNow: checkInterval))
    }
    if let firstError { return .failure(firstError) }
    let devices = programs.map(\.device)
    return .success(
      ExecutionReport(
        downloads: Dictionary(uniqueKeysWithValues: zip(devices, results)),
        busySeconds: Dictionary(uniqueKeysWithValues: zip(devices, busySeconds)),
        instructionSeconds: Dictionary(uniqueKeysWithValues: zip(devices, instructionSeconds))))
  }

  /// The waiting devices when every unfinished device waits, or `nil` when some device is busy.
  private func blockedDevices() -> [BlockedDevice]? {
    var blocked: [BlockedDevice] = []
    for (slot, state) in status.enumerated() {
      switch state {
      case .busy: return nil
      case .finished: continue
      case .waiting(let index):
        let device = programs[slot].device
        blocked.append(
          BlockedDevice(
            device: device, instructionIndex: index,
            instruction: programs[slot].instructions[index].description,
            waitingFor: backend.waitDescription(of: device)))
      }
    }
    return blocked
  }
}
