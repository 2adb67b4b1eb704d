import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter

/// What executes device programs: memory on each device, local ops, collectives and
/// point-to-point messages. ``CPUBackend`` implements it with threads and host memory; a CUDA
/// backend implements it with device memory, kernels and NCCL.
///
/// Every call acts on one device and is made from that device's own thread (``Execution`` runs
/// one thread per device), so calls on one device are ordered; calls on different devices run
/// concurrently. Communication calls block until their partners take part:
/// - A collective matches by call order per group: the n-th collective a device calls on a group
///   meets the n-th collective every other member calls on that group (as on an NCCL
///   communicator), so collectives on different groups, even overlapping ones, never interfere.
///   Every member must call the same ``CollectiveOperation`` on a tensor of the same type.
/// - A message matches by (sender, receiver, tag), first sent first received.
///
/// ``abort()`` releases every waiting call with ``RuntimeError/aborted(_:)``; an aborted
/// backend stays aborted.
public protocol RuntimeBackend: AnyObject, Sendable {
  /// The devices the backend drives.
  var devices: [DeviceID] { get }

  /// Copies a host tensor into a new buffer on `device`.
  ///
  /// - Throws: ``RuntimeError/unknownDevice(_:)``, or a device failure.
  func upload(_ tensor: HostTensor, to device: DeviceID) throws(RuntimeError) -> DeviceBuffer

  /// Copies a buffer back to the host; the buffer stays alive.
  ///
  /// - Throws: ``RuntimeError/unknownBuffer(_:)`` for a freed buffer, or a device failure.
  func download(_ buffer: DeviceBuffer) throws(RuntimeError) -> HostTensor

  /// Releases a buffer's memory; the handle is invalid afterwards.
  ///
  /// - Throws: ``RuntimeError/unknownBuffer(_:)`` for a buffer already freed.
  func free(_ buffer: DeviceBuffer) throws(RuntimeError)

  /// Runs one local op on buffers of `device` and returns its result in a new buffer.
  ///
  /// - Parameters:
  ///   - node: The op and its result type; its `operands` ids are ignored.
  ///   - operands: One buffer on `device` per operand of the op, in order.
  ///   - device: The device to run on.
  /// - Throws: ``RuntimeError/invalidOp(device:node:reason:)`` when the operands' types do not
  ///   type-check against the node, or a buffer or device error.
  func run(_ node: Node, operands: [DeviceBuffer], on device: DeviceID) throws(RuntimeError)
    -> DeviceBuffer

  /// Takes part in a collective on `group` with `buffer` (held by a member) and returns the
  /// member's result in a new buffer; `buffer` stays alive.
  ///
  /// Blocks until every member has called its matching collective.
  ///
  /// - Throws: ``RuntimeError/notInGroup(_:group:)``,
  ///   ``RuntimeError/invalidCollective(device:operation:operand:group:)``,
  ///   ``RuntimeError/collectiveMismatch(group:sequence:device:call:other:otherCall:)`` naming two
  ///   members that disagree, or ``RuntimeError/aborted(_:)``.
  func collective(_ operation: CollectiveOperation, _ buffer: DeviceBuffer, group: DeviceGroup)
    throws(RuntimeError) -> DeviceBuffer

  /// Sends a copy of `buffer` to `receiver` under `tag`; `buffer` stays alive.
  ///
  /// May return before the receiver takes the message (the CPU backend queues it).
  ///
  /// - Throws: ``RuntimeError/unknownDevice(_:)`` for an unknown receiver, or a buffer error.
  func send(_ buffer: DeviceBuffer, to receiver: DeviceID, tag: Int) throws(RuntimeError)

  /// Receives the next message `sender` sent to `device` under `tag` into a new buffer.
  ///
  /// Blocks until the message arrives.
  ///
  /// - Parameters:
  ///   - type: The type the message must have.
  /// - Throws: ``RuntimeError/messageType(device:from:tag:expected:got:)``, or
  ///   ``RuntimeError/aborted(_:)``.
  func receive(_ type: TensorType, from sender: DeviceID, tag: Int, on device: DeviceID)
    throws(RuntimeError) -> DeviceBuffer

  /// Releases every waiting and future communication call with
  /// ``RuntimeError/aborted(_:)``.
  func abort()

  /// What `device` waits for while blocked in a communication call (such as the members of a
  /// collective that have not arrived), for the watchdog's report; `nil` when not waiting or
  /// unknown.
  func waitDescription(of device: DeviceID) -> String?
}
