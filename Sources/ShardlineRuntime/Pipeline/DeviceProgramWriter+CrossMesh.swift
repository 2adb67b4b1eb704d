import ShardlineHardware
import ShardlineIR
import ShardlinePlan

/// The device side of a cross-mesh transfer (``CrossMeshRoute``): cutting the boxes a device
/// sends out of its shard, and assembling the boxes it receives into its own.
extension DeviceProgramWriter {
  /// Sends this device's messages of `route`: each box cut from `shard` (of local type `type`) to
  /// its receiver among `receivers`, under `tag`.
  ///
  /// - Parameter sender: This device's position among the route's source devices.
  mutating func send(
    _ shard: BufferID, _ type: TensorType, route: CrossMeshRoute, sender: Int,
    receivers: [DeviceID], tag: Int, name: String
  ) {
    for message in route.messages(from: sender) {
      let piece = slice(
        shard, type, start: message.sourceStart, shape: message.shape, name: name + "/send_tile")
      send(piece, to: receivers[message.receiver], tag: tag)
      if piece != shard { free(piece) }
    }
  }

  /// Receives this device's messages of `route` from their senders among `senders`, under `tag`,
  /// and assembles them into its box; with an all-gather in the route, completes the tile with
  /// the other receivers of its group.
  ///
  /// - Parameters:
  ///   - type: The whole tensor's type (its element type is what arrives).
  ///   - receiver: This device's position among the route's destination devices.
  /// - Returns: The buffer holding this device's whole tile.
  mutating func receive(
    _ type: TensorType, route: CrossMeshRoute, receiver: Int, senders: [DeviceID], tag: Int,
    devices: [DeviceID], name: String
  ) -> BufferID {
    let messages = route.messages(to: receiver)
    var pieces = messages.map { message in
      (
        buffer: receive(type.with(shape: message.shape), from: senders[message.sender], tag: tag),
        shape: message.shape
      )
    }
    // The pieces form a grid in row-major order: join the runs of the last dimension first.
    for dimension in type.shape.indices.reversed() {
      let count = Set(messages.map { $0.destinationStart[dimension] }).count
      guard count > 1 else { continue }
      var joined: [(buffer: BufferID, shape: [Int])] = []
      for first in stride(from: 0, to: pieces.count, by: count) {
        let group = pieces[first..<(first + count)]
        var shape = group.first!.shape
        shape[dimension] = group.reduce(0) { $0 + $1.shape[dimension] }
        let concatenate = Node(
          id: NodeID(0), op: .concatenate(dimension: dimension),
          operands: (0..<count).map { NodeID($0) }, type: type.with(shape: shape),
          name: name + "/receive_tiles", phase: .forward, layer: nil)
        joined.append((run(concatenate, group.map(\.buffer)), shape))
        for piece in group { free(piece.buffer) }
      }
      pieces = joined
    }
    precondition(pieces.count == 1, "the messages of a receiver tile its box")
    guard let dimension = route.allGatherDimension else { return pieces[0].buffer }
    let tile = collective(
      .allGather(dimension: dimension), pieces[0].buffer, axes: route.allGatherAxes,
      devices: devices)
    free(pieces[0].buffer)
    return tile
  }

  /// The box of `shape` at `start` of `buffer` (of local type `type`): a local slice, or the
  /// buffer itself when the box is all of it.
  private mutating func slice(
    _ buffer: BufferID, _ type: TensorType, start: [Int], shape: [Int], name: String
  ) -> BufferID {
    guard shape != type.shape else { return buffer }
    let limit = zip(start, shape).map { $0 + $1 }
    let slice = Node(
      id: NodeID(0), op: .slice(SliceAttributes(start: start, limit: limit)),
      operands: [NodeID(0)], type: type.with(shape: shape), name: name, phase: .forward,
      layer: nil)
    return run(slice, [buffer])
  }
}
