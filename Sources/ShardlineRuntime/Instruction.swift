import ShardlineHardware
import ShardlineIR

/// One step of a device's program: a call on the ``RuntimeBackend`` with buffers named by
/// ``BufferID``.
public enum Instruction: Hashable, Sendable, CustomStringConvertible {
  /// Copies the device's input `input` (an index into the inputs the run was given for this
  /// device) into a new buffer.
  case upload(input: Int, into: BufferID)
  /// Runs one local op on buffers and names its result.
  case run(Node, operands: [BufferID], result: BufferID)
  /// Takes part in a collective on `group` with `source` and names this device's result.
  case collective(CollectiveOperation, source: BufferID, group: DeviceGroup, result: BufferID)
  /// Sends a copy of a buffer to another device under a tag.
  case send(BufferID, to: DeviceID, tag: Int)
  /// Receives the next message of `type` from `sender` under `tag` into a new buffer.
  case receive(TensorType, from: DeviceID, tag: Int, into: BufferID)
  /// Copies a buffer to the host, appending it to the device's results.
  case download(BufferID)
  /// Releases a buffer; its name may be reused.
  case free(BufferID)

  /// Whether the instruction waits on other devices, so that time spent in it is not progress.
  public var communicates: Bool {
    switch self {
    case .collective, .send, .receive: true
    case .upload, .run, .download, .free: false
    }
  }

  /// `b2 = all_reduce(b1) over [d0,d1]`, `b3 = dot_general(b1, b2) 'mlp/dot' f32[4,4]`, ….
  public var description: String {
    func list(_ buffers: [BufferID]) -> String {
      buffers.map(\.description).joined(separator: ", ")
    }
    switch self {
    case .upload(let input, let buffer): return "\(buffer) = upload(input \(input))"
    case .run(let node, let operands, let result):
      return "\(result) = \(node.op.kindName)(\(list(operands))) '\(node.name)' \(node.type)"
    case .collective(let operation, let source, let group, let result):
      return "\(result) = \(operation)(\(source)) over \(group)"
    case .send(let buffer, let receiver, let tag): return "send \(buffer) to \(receiver) tag \(tag)"
    case .receive(let type, let sender, let tag, let buffer):
      return "\(buffer) = receive \(type) from \(sender) tag \(tag)"
    case .download(let buffer): return "download \(buffer)"
    case .free(let buffer): return "free \(buffer)"
    }
  }
}
