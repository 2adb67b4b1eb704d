import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import Synchronization

/// Virtual devices in this process: buffers in host memory, local ops through the reference
/// interpreter's kernels (OpenBLAS for `dot_general`), collectives and messages in shared memory.
///
/// Each device is driven by its own thread (see ``Execution``); the backend itself spawns none.
/// Any number of devices works, however few cores there are, since a device waiting on another
/// sleeps. Collective sums accumulate in `Float` in rank order and are not rounded to `f16` or
/// `bf16`. A send copies the tensor into the channel and returns at once.
public final class CPUBackend: RuntimeBackend {
  /// One device's buffers, and how many calls it has made (for injected failures).
  private struct Memory {
    var buffers: [UInt64: HostTensor] = [:]
    var nextHandle: UInt64 = 0
    var calls = 0
  }

  /// A device's memory behind a lock of its own, so that devices do not contend for one lock
  /// (with one lock for all, a 64-device rehearsal spent half its time waiting for it).
  private final class DeviceMemory: Sendable {
    let state = Mutex(Memory())
  }

  /// The devices, in the order given.
  public let devices: [DeviceID]
  private let injectedFailures: [DeviceID: Int]
  private let memory: [DeviceID: DeviceMemory]
  private let fabric: CPUFabric

  /// Creates virtual devices, makes OpenBLAS run each call on its calling thread alone
  /// (``ShardlineInterpreter/BLASThreads/useCallingThreadOnly()``): a device is one thread on
  /// one core, as the `cpu` profile prices it; and has the allocator keep freed tensors' memory
  /// for the next ones (``HostAllocator``).
  ///
  /// - Parameters:
  ///   - devices: The devices' ids, each once.
  ///   - injectedFailures: For testing how a run survives a failing device: device `d` fails
  ///     with ``RuntimeError/deviceFailed(_:reason:)`` at its `n`-th backend call (from 0).
  public init(devices: [DeviceID], injectedFailures: [DeviceID: Int] = [:]) {
    precondition(Set(devices).count == devices.count, "devices \(devices) repeat a device")
    self.devices = devices
    self.injectedFailures = injectedFailures
    memory = Dictionary(uniqueKeysWithValues: devices.map { ($0, DeviceMemory()) })
    fabric = CPUFabric(deviceCount: devices.count)
    BLASThreads.useCallingThreadOnly()
    HostAllocator.keepFreedMemory
  }

  /// Creates devices `d0`…`d(count−1)`.
  public convenience init(deviceCount: Int) {
    self.init(devices: (0..<deviceCount).map(DeviceID.init(rawValue:)))
  }

  /// The number of live buffers on `device`, for checking that a run freed what it made.
  public func liveBufferCount(on device: DeviceID) -> Int {
    memory[device]?.state.withLock { $0.buffers.count } ?? 0
  }

  /// Copies a host tensor into a new buffer on `device`.
  public func upload(_ tensor: HostTensor, to device: DeviceID) throws(RuntimeError)
    -> DeviceBuffer
  {
    try beginCall(on: device)
    return try store(tensor, on: device)
  }

  /// Copies a buffer back to the host.
  public func download(_ buffer: DeviceBuffer) throws(RuntimeError) -> HostTensor {
    try beginCall(on: buffer.device)
    return try load(buffer, on: buffer.device)
  }

  /// Releases a buffer.
  public func free(_ buffer: DeviceBuffer) throws(RuntimeError) {
    try beginCall(on: buffer.device)
    let removed = memory[buffer.device]?.state.withLock {
      $0.buffers.removeValue(forKey: buffer.handle)
    }
    guard removed != nil else { throw .unknownBuffer(buffer) }
  }

  /// Type-checks the op against its operands' types, then evaluates it with
  /// ``Interpreter/evaluate(_:operands:)``.
  public func run(_ node: Node, operands: [DeviceBuffer], on device: DeviceID)
    throws(RuntimeError) -> DeviceBuffer
  {
    try beginCall(on: device)
    guard node.op != .parameter else {
      throw .invalidOp(device: device, node: node.name, reason: "is a parameter, not an op")
    }
    var values: [HostTensor] = []
    for operand in operands { values.append(try load(operand, on: device)) }
    do {
      _ = try TypeChecker.resultType(
        of: node.op, operands: values.map(\.type), declared: node.type, name: node.name)
    } catch {
      throw .invalidOp(device: device, node: node.name, reason: error.description)
    }
    return try store(Interpreter.evaluate(node, operands: values), on: device)
  }

  /// Takes part in a collective through the shared-memory fabric.
  public func collective(
    _ operation: CollectiveOperation, _ buffer: DeviceBuffer, group: DeviceGroup
  ) throws(RuntimeError) -> DeviceBuffer {
    let device = buffer.device
    try beginCall(on: device)
    guard group.rank(of: device) != nil else { throw .notInGroup(device, group: group) }
    if let stranger = group.devices.first(where: { !devices.contains($0) }) {
      throw .unknownDevice(stranger)
    }
    guard operation.resultType(of: buffer.type, groupSize: group.count) != nil else {
      throw .invalidCollective(
        device: device, operation: operation, operand: buffer.type, group: group)
    }
    let tensor = try load(buffer, on: device)
    let result = try fabric.collective(operation, tensor, group: group, device: device)
    return try store(result, on: device)
  }

  /// Queues a copy of `buffer` for `receiver`.
  public func send(_ buffer: DeviceBuffer, to receiver: DeviceID, tag: Int) throws(RuntimeError) {
    try beginCall(on: buffer.device)
    guard devices.contains(receiver) else { throw .unknownDevice(receiver) }
    let tensor = try load(buffer, on: buffer.device)
    try fabric.send(
      tensor, on: CPUFabric.Channel(sender: buffer.device, receiver: receiver, tag: tag))
  }

  /// Waits for the next message from `sender` under `tag`.
  public func receive(_ type: TensorType, from sender: DeviceID, tag: Int, on device: DeviceID)
    throws(RuntimeError) -> DeviceBuffer
  {
    try beginCall(on: device)
    guard devices.contains(sender) else { throw .unknownDevice(sender) }
    let tensor = try fabric.receive(
      on: CPUFabric.Channel(sender: sender, receiver: device, tag: tag))
    guard tensor.type == type else {
      throw .messageType(device: device, from: sender, tag: tag, expected: type, got: tensor.type)
    }
    return try store(tensor, on: device)
  }

  /// Releases every waiting and later communication call.
  public func abort() { fabric.abort() }

  /// What `device` waits for in the fabric, if anything.
  public func waitDescription(of device: DeviceID) -> String? {
    fabric.waitDescription(of: device)
  }

  /// Counts a call on `device`, failing it when a failure was injected there.
  private func beginCall(on device: DeviceID) throws(RuntimeError) {
    guard let memory = memory[device] else { throw .unknownDevice(device) }
    let call = memory.state.withLock { state in
      defer { state.calls += 1 }
      return state.calls
    }
    if injectedFailures[device] == call {
      throw .deviceFailed(device, reason: "failure injected at call \(call)")
    }
  }

  private func store(_ tensor: HostTensor, on device: DeviceID) throws(RuntimeError)
    -> DeviceBuffer
  {
    guard let memory = memory[device] else { throw .unknownDevice(device) }
    let handle = memory.state.withLock { state in
      let handle = state.nextHandle
      state.nextHandle += 1
      state.buffers[handle] = tensor
      return handle
    }
    return DeviceBuffer(device: device, handle: handle, type: tensor.type)
  }

  private func load(_ buffer: DeviceBuffer, on device: DeviceID) throws(RuntimeError)
    -> HostTensor
  {
    guard buffer.device == device else { throw .wrongDevice(buffer, usedOn: device) }
    let tensor = memory[device]?.state.withLock { $0.buffers[buffer.handle] }
    guard let tensor else { throw .unknownBuffer(buffer) }
    return tensor
  }
}
