import ShardlineHardware
import ShardlineIR

/// Why a backend call or a run failed: each case names the device, buffer, group or instruction
/// at fault.
public enum RuntimeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The backend has no such device.
  case unknownDevice(DeviceID)
  /// The buffer was freed, or was not issued by this backend.
  case unknownBuffer(DeviceBuffer)
  /// A buffer was used on another device than the one that holds it.
  case wrongDevice(DeviceBuffer, usedOn: DeviceID)
  /// A local op cannot run: a `parameter`, or operands of the wrong count or types.
  case invalidOp(device: DeviceID, node: String, reason: String)
  /// A device called a collective on a group it is not a member of.
  case notInGroup(DeviceID, group: DeviceGroup)
  /// The collective does not apply to the tensor on a group of this size (a dimension is out of
  /// range or does not split evenly).
  case invalidCollective(
    device: DeviceID, operation: CollectiveOperation, operand: TensorType, group: DeviceGroup)
  /// Two members of a group called their `sequence`-th collective on it with different
  /// operations or tensor types.
  case collectiveMismatch(
    group: DeviceGroup, sequence: Int, device: DeviceID, call: String, other: DeviceID,
    otherCall: String)
  /// A received message does not have the type the receiver expected.
  case messageType(
    device: DeviceID, from: DeviceID, tag: Int, expected: TensorType, got: TensorType)
  /// The device failed (a backend error, or a failure injected by a test).
  case deviceFailed(DeviceID, reason: String)
  /// The device was stopped because another device failed or the run was stopped.
  case aborted(DeviceID)
  /// The run was cancelled by its caller.
  case cancelled
  /// No device made progress for `timeoutSeconds` while every unfinished device was waiting
  /// on another.
  case deadlock(timeoutSeconds: Double, blocked: [BlockedDevice])
  /// A device has two programs, inputs but no program, or uploads an input it was not given.
  case invalidProgram(device: DeviceID, reason: String)
  /// The instruction reads a buffer name with no live buffer.
  case undefinedBuffer(device: DeviceID, buffer: BufferID)
  /// The instruction writes a buffer name that still holds a live buffer.
  case bufferRedefined(device: DeviceID, buffer: BufferID)
  /// An error raised while `device` executed instruction `index` of its program.
  indirect case instruction(device: DeviceID, index: Int, instruction: String, error: RuntimeError)

  /// The error an instruction raised, without the instruction context around it.
  public var underlying: RuntimeError {
    if case .instruction(_, _, _, let error) = self { return error.underlying }
    return self
  }

  /// One line naming what failed and where.
  public var description: String {
    switch self {
    case .unknownDevice(let device): "device \(device) is not in the backend"
    case .unknownBuffer(let buffer): "buffer \(buffer) was freed or is not from this backend"
    case .wrongDevice(let buffer, let device): "buffer \(buffer) used on \(device)"
    case .invalidOp(let device, let node, let reason): "\(device): op '\(node)' \(reason)"
    case .notInGroup(let device, let group): "\(device) is not a member of group \(group)"
    case .invalidCollective(let device, let operation, let operand, let group):
      "\(device): \(operation) does not apply to \(operand) on group \(group)"
    case .collectiveMismatch(
      let group, let sequence, let device, let call, let other, let otherCall):
      "collective #\(sequence) on group \(group): \(device) calls \(call) but \(other) calls "
        + otherCall
    case .messageType(let device, let from, let tag, let expected, let got):
      "\(device) expected \(expected) from \(from) tag \(tag), got \(got)"
    case .deviceFailed(let device, let reason): "device \(device) failed: \(reason)"
    case .aborted(let device): "\(device) stopped because the run was aborted"
    case .cancelled: "the run was cancelled"
    case .deadlock(let timeout, let blocked):
      "no progress for \(timeout) s: "
        + blocked.map(\.description).joined(separator: "; ")
    case .invalidProgram(let device, let reason): "program for \(device): \(reason)"
    case .undefinedBuffer(let device, let buffer): "\(device) reads \(buffer), which holds nothing"
    case .bufferRedefined(let device, let buffer):
      "\(device) writes \(buffer), which still holds a buffer"
    case .instruction(let device, let index, let instruction, let error):
      "\(device) instruction \(index) (\(instruction)): \(error)"
    }
  }
}
