import Foundation
import ShardlineHardware
import ShardlineInterpreter

/// Executes one device's program on its own thread, reporting to the run's monitor.
struct DeviceWorker: Sendable {
  /// The program's position in the run.
  let slot: Int
  /// The instructions to execute.
  let program: DeviceProgram
  /// The tensors `upload` instructions read.
  let inputs: [HostTensor]
  /// The backend every instruction calls.
  let backend: any RuntimeBackend
  /// Where progress, errors and results go.
  let monitor: ExecutionMonitor
  /// The start of the run on the monotonic clock, in nanoseconds, that instruction times count
  /// from.
  let epochNanoseconds: UInt64

  /// Executes the instructions until the end or the first error, frees what is left, and
  /// reports the downloads.
  func run() {
    var buffers: [BufferID: DeviceBuffer] = [:]
    var downloads: [HostTensor] = []
    var busy = 0.0
    var times: [ClosedRange<Double>] = []
    times.reserveCapacity(program.instructions.count)
    for (index, instruction) in program.instructions.enumerated() {
      guard monitor.begin(slot, index: index) else { break }
      let start = secondsSinceEpoch()
      do {
        try execute(instruction, buffers: &buffers, downloads: &downloads)
        let end = secondsSinceEpoch()
        times.append(start...end)
        if !instruction.communicates { busy += end - start }
      } catch {
        monitor.stop(
          with: .instruction(
            device: program.device, index: index, instruction: instruction.description,
            error: error))
        break
      }
      monitor.complete(slot)
    }
    for buffer in buffers.values { try? backend.free(buffer) }
    monitor.finish(slot, results: downloads, busy: busy, times: times)
  }

  /// Seconds since ``epochNanoseconds`` on the monotonic clock.
  private func secondsSinceEpoch() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds &- epochNanoseconds) / 1e9
  }

  private func execute(
    _ instruction: Instruction, buffers: inout [BufferID: DeviceBuffer],
    downloads: inout [HostTensor]
  ) throws(RuntimeError) {
    let device = program.device
    func buffer(_ id: BufferID) throws(RuntimeError) -> DeviceBuffer {
      guard let buffer = buffers[id] else { throw .undefinedBuffer(device: device, buffer: id) }
      return buffer
    }
    switch instruction {
    case .upload(let input, let result):
      buffers[result] = try backend.upload(inputs[input], to: device)
    case .run(let node, let operands, let result):
      var values: [DeviceBuffer] = []
      for operand in operands { values.append(try buffer(operand)) }
      buffers[result] = try backend.run(node, operands: values, on: device)
    case .collective(let operation, let source, let group, let result):
      buffers[result] = try backend.collective(operation, buffer(source), group: group)
    case .send(let source, let receiver, let tag):
      try backend.send(buffer(source), to: receiver, tag: tag)
    case .receive(let type, let sender, let tag, let result):
      buffers[result] = try backend.receive(type, from: sender, tag: tag, on: device)
    case .download(let source):
      downloads.append(try backend.download(buffer(source)))
    case .free(let source):
      try backend.free(buffer(source))
      buffers[source] = nil
    }
  }
}
