import ShardlineHardware

/// A device the watchdog found waiting, with the instruction it waits in.
public struct BlockedDevice: Hashable, Sendable, CustomStringConvertible {
  /// The waiting device.
  public let device: DeviceID
  /// The index of the instruction in the device's program.
  public let instructionIndex: Int
  /// The instruction, as ``Instruction/description`` writes it.
  public let instruction: String
  /// What the backend says the device waits for (such as the members of a collective that have
  /// not arrived), or `nil` when it cannot tell.
  public let waitingFor: String?

  /// Creates a report of one blocked device.
  public init(device: DeviceID, instructionIndex: Int, instruction: String, waitingFor: String?) {
    self.device = device
    self.instructionIndex = instructionIndex
    self.instruction = instruction
    self.waitingFor = waitingFor
  }

  /// `d3 at instruction 5 (recv f32[4] from d1 tag 2 → b1), waiting for a send from d1 tag 2`.
  public var description: String {
    let base = "\(device) at instruction \(instructionIndex) (\(instruction))"
    return waitingFor.map { "\(base), waiting for \($0)" } ?? base
  }
}
