import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineRuntime

/// Shared inputs and helpers of the runtime tests.
enum RuntimeFixtures {
  /// Devices `d0`…`d(count−1)`.
  static func devices(_ count: Int) -> [DeviceID] { (0..<count).map(DeviceID.init(rawValue:)) }

  /// A tensor whose elements differ per device and position: 100·seed + index, wrapped to stay
  /// exact in `Float`.
  static func ramp(_ shape: [Int], seed: Int) -> HostTensor {
    let count = shape.reduce(1, *)
    return HostTensor(shape: shape, storage: (0..<count).map { Float(100 * seed + $0 % 97) })
  }

  /// A program that uploads input 0, runs `operation` on `group` and downloads the result.
  static func collectiveProgram(
    _ operation: CollectiveOperation, group: DeviceGroup, device: DeviceID
  ) -> DeviceProgram {
    DeviceProgram(
      device: device,
      instructions: [
        .upload(input: 0, into: BufferID(0)),
        .collective(operation, source: BufferID(0), group: group, result: BufferID(1)),
        .download(BufferID(1)),
      ])
  }

  /// Runs `programs` on a fresh CPU backend (or `backend`) and returns the downloads or the
  /// error.
  static func run(
    _ programs: [DeviceProgram], inputs: [DeviceID: [HostTensor]] = [:],
    timeoutSeconds: Double = 5, backend: CPUBackend? = nil
  ) async -> Result<[DeviceID: [HostTensor]], RuntimeError> {
    let backend = backend ?? CPUBackend(devices: programs.map(\.device))
    let execution = Execution(
      programs: programs, options: ExecutionOptions(watchdogTimeoutSeconds: timeoutSeconds))
    do {
      return .success(try await execution.run(on: backend, inputs: inputs))
    } catch {
      return .failure(error)
    }
  }
}
