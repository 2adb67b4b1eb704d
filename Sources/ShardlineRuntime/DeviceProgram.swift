import ShardlineHardware

/// The instructions one device executes, in order.
public struct DeviceProgram: Hashable, Sendable, CustomStringConvertible {
  /// The device that runs the program.
  public var device: DeviceID
  /// The instructions in execution order.
  public var instructions: [Instruction]

  /// Creates a program.
  public init(device: DeviceID, instructions: [Instruction]) {
    self.device = device
    self.instructions = instructions
  }

  /// Checks the program's buffer names without running it: every instruction reads only live
  /// buffers and writes only names not live, and uploads read inputs that exist.
  ///
  /// - Parameter inputCount: The number of inputs the run gives this device.
  /// - Throws: ``RuntimeError/instruction(device:index:instruction:error:)`` around
  ///   ``RuntimeError/undefinedBuffer(device:buffer:)``,
  ///   ``RuntimeError/bufferRedefined(device:buffer:)`` or
  ///   ``RuntimeError/invalidProgram(device:reason:)``, for the first offending instruction.
  /// - Complexity: O(instructions).
  public func validate(inputCount: Int) throws(RuntimeError) {
    var live: Set<BufferID> = []
    for (index, instruction) in instructions.enumerated() {
      do {
        try check(instruction, live: &live, inputCount: inputCount)
      } catch {
        throw .instruction(
          device: device, index: index, instruction: instruction.description, error: error)
      }
    }
  }

  /// `d0: 3 instructions` followed by one numbered line per instruction.
  public var description: String {
    let lines = instructions.enumerated().map { "  \($0.offset): \($0.element)" }
    return (["\(device): \(instructions.count) instructions"] + lines).joined(separator: "\n")
  }

  private func check(_ instruction: Instruction, live: inout Set<BufferID>, inputCount: Int)
    throws(RuntimeError)
  {
    func read(_ buffer: BufferID) throws(RuntimeError) {
      guard live.contains(buffer) else { throw .undefinedBuffer(device: device, buffer: buffer) }
    }
    func write(_ buffer: BufferID) throws(RuntimeError) {
      guard live.insert(buffer).inserted else {
        throw .bufferRedefined(device: device, buffer: buffer)
      }
    }
    switch instruction {
    case .upload(let input, let buffer):
      guard input >= 0, input < inputCount else {
        throw .invalidProgram(
          device: device, reason: "uploads input \(input) of \(inputCount) given")
      }
      try write(buffer)
    case .run(_, let operands, let result):
      for operand in operands { try read(operand) }
      try write(result)
    case .collective(_, let source, _, let result):
      try read(source)
      try write(result)
    case .send(let buffer, _, _), .download(let buffer):
      try read(buffer)
    case .receive(_, _, _, let buffer):
      try write(buffer)
    case .free(let buffer):
      try read(buffer)
      live.remove(buffer)
    }
  }
}
