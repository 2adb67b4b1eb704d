import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// Appends one device's instructions, naming each new buffer, and carries out resharding steps
/// at the device's mesh coordinate.
struct DeviceProgramWriter {
  /// The device written for.
  let device: DeviceID
  /// The device's (row, column) on the logical mesh.
  let coordinate: [Int]
  /// The mesh's axis sizes.
  let mesh: MeshShape
  /// The group the device belongs to along axis 0 and along axis 1.
  let groups: [DeviceGroup]
  /// The instructions so far.
  private(set) var instructions: [Instruction] = []
  private var nextBuffer = 0

  /// Starts an empty program for the device at row-major position `index` of `devices`.
  init(index: Int, devices: [DeviceID], mesh: MeshShape) {
    device = devices[index]
    coordinate = [index / mesh.sizes[1], index % mesh.sizes[1]]
    self.mesh = mesh
    let shape = LogicalMeshShape(rows: mesh.sizes[0], columns: mesh.sizes[1])
    let device = devices[index]
    groups = [MeshAxes.axis0, .axis1].map { axes in
      DeviceGroup.meshGroups(of: devices, shape: shape, along: axes).first {
        $0.rank(of: device) != nil
      }!
    }
  }

  /// The program written.
  var program: DeviceProgram { DeviceProgram(device: device, instructions: instructions) }

  private mutating func newBuffer() -> BufferID {
    defer { nextBuffer += 1 }
    return BufferID(nextBuffer)
  }

  /// Uploads input `index`.
  mutating func upload(_ index: Int) -> BufferID {
    let buffer = newBuffer()
    instructions.append(.upload(input: index, into: buffer))
    return buffer
  }

  /// Runs a local op.
  mutating func run(_ node: Node, _ operands: [BufferID]) -> BufferID {
    let buffer = newBuffer()
    instructions.append(.run(node, operands: operands, result: buffer))
    return buffer
  }

  /// Takes part in a collective over the device's group along `axes` (one axis, or both for the
  /// whole mesh).
  mutating func collective(
    _ operation: CollectiveOperation, _ source: BufferID, axes: [Int], devices: [DeviceID]
  ) -> BufferID {
    let group =
      axes.count == 1 ? groups[axes[0]] : DeviceGroup(devices)
    let buffer = newBuffer()
    instructions.append(
      .collective(operation, source: source, group: group, result: buffer))
    return buffer
  }

  /// Sends a copy of a buffer to another device under a tag.
  mutating func send(_ buffer: BufferID, to receiver: DeviceID, tag: Int) {
    instructions.append(.send(buffer, to: receiver, tag: tag))
  }

  /// Receives a message of `type` from `sender` under `tag`.
  mutating func receive(_ type: TensorType, from sender: DeviceID, tag: Int) -> BufferID {
    let buffer = newBuffer()
    instructions.append(.receive(type, from: sender, tag: tag, into: buffer))
    return buffer
  }

  /// Copies a buffer to the host.
  mutating func download(_ buffer: BufferID) { instructions.append(.download(buffer)) }

  /// Releases a buffer.
  mutating func free(_ buffer: BufferID) { instructions.append(.free(buffer)) }

  /// Turns `buffer`, `type` laid out as `source`, into `target`, freeing the intermediates.
  ///
  /// - Returns: The resharded buffer (`buffer` itself when nothing changes) and its local type.
  mutating func reshard(
    _ buffer: BufferID, _ type: TensorType, from source: ShardingSpec, to target: ShardingSpec,
    devices: [DeviceID], name: String
  ) -> BufferID {
    var current = buffer
    var local = source.localShape(of: type.shape, on: mesh)
    for step in ShardLayout.steps(from: source, to: target, on: mesh) {
      let next: BufferID
      switch step {
      case .allReduce(let axis):
        next = collective(.allReduce, current, axes: [axis], devices: devices)
      case .reduceScatter(let axis, let dimension):
        next = collective(
          .reduceScatter(dimension: dimension), current, axes: [axis], devices: devices)
        local[dimension] /= mesh.sizes[axis]
      case .allGather(let axis, let dimension):
        next = collective(.allGather(dimension: dimension), current, axes: [axis], devices: devices)
        local[dimension] *= mesh.sizes[axis]
      case .allToAll(let axis, let from, let to):
        next = collective(
          .allToAll(splitDimension: to, concatDimension: from), current, axes: [axis],
          devices: devices)
        local[from] *= mesh.sizes[axis]
        local[to] /= mesh.sizes[axis]
      case .slice(let axis, let dimension):
        let part = local[dimension] / mesh.sizes[axis]
        var start = Array(repeating: 0, count: local.count)
        var limit = local
        start[dimension] = coordinate[axis] * part
        limit[dimension] = start[dimension] + part
        local[dimension] = part
        let slice = Node(
          id: NodeID(0), op: .slice(SliceAttributes(start: start, limit: limit)),
          operands: [NodeID(0)], type: type.with(shape: local), name: name + "/reshard_slice",
          phase: .forward, layer: nil)
        next = run(slice, [current])
      case .zeroUnlessFirst(let axis):
        guard coordinate[axis] != 0 else { continue }
        let zeros = Node(
          id: NodeID(0), op: .constant(.splat(0)), operands: [], type: type.with(shape: local),
          name: name + "/reshard_zeros", phase: .forward, layer: nil)
        next = run(zeros, [])
      }
      if current != buffer { free(current) }
      current = next
    }
    return current
  }
}
