import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineSharding

/// Lowers a graph sharded on one logical mesh to one ``DeviceProgram`` per device (SPMD).
///
/// Each program uploads the device's shard of every graph input (cut by ``inputs(_:)``), then
/// runs every node in graph order: it reshards each operand from its producer's spec to the spec
/// the node's strategy requires (following ``ShardingContext/resharding(_:from:to:)``: partial
/// sums completed first, by reduce-scatter or all-reduce, then all-gather, all-to-all or a local
/// slice per mesh axis), runs the op on local shard shapes, and performs the strategy's own
/// collectives, leaving the result in the strategy's output spec (partial sums included).
/// The local op is the same on every device; only a gather or scatter-add whose table is split
/// along the rows its ids index (a vocabulary split) adds a few index ops that depend on the
/// device's coordinate (``RowShift``).
/// Constants and nodes computed only from them (the nodes with no strategy) are computed whole on
/// every device and resharded like any other value. Finally every graph output is resharded to
/// replicated and downloaded, in `graph.outputs` order, so each device returns the full outputs.
///
/// Collectives along a mesh axis run on the device's group along that axis
/// (``DeviceGroup/meshGroups(of:shape:along:)``); both axes means one group of all devices.
/// A node whose op, attributes or layout the lowering cannot localize throws
/// ``LoweringError/unsupported(node:reason:)`` rather than compute a wrong answer.
public struct SPMDLowering: Sendable {
  /// The graph to run.
  public let graph: Graph
  /// The strategy of each node, by node id; `nil` for constants and what is computed from them
  /// alone (as ``FixedSharding/strategies(deciding:)`` returns).
  public let strategies: [ShardingStrategy?]
  /// The logical mesh's axis sizes.
  public let mesh: MeshShape
  /// The mesh's devices in row-major order: device (i, j) is `devices[i·n1 + j]`.
  public let devices: [DeviceID]

  /// Creates a lowering.
  ///
  /// - Throws: ``LoweringError/invalidPlan(reason:)`` when the strategies or devices do not
  ///   match the graph or the mesh.
  public init(
    graph: Graph, strategies: [ShardingStrategy?], mesh: MeshShape, devices: [DeviceID]
  ) throws(LoweringError) {
    guard strategies.count == graph.nodes.count else {
      throw .invalidPlan(
        reason: "\(strategies.count) strategies for \(graph.nodes.count) nodes")
    }
    guard devices.count == mesh.deviceCount, Set(devices).count == devices.count else {
      throw .invalidPlan(reason: "devices \(devices) for a \(mesh) mesh")
    }
    for input in graph.inputs where strategies[input.node.rawValue] == nil {
      throw .invalidPlan(reason: "input '\(graph[input.node].name)' has no strategy")
    }
    self.graph = graph
    self.strategies = strategies
    self.mesh = mesh
    self.devices = devices
  }

  /// The spec node `id`'s value has on the devices: its strategy's output, or replicated for a
  /// node without one (computed whole everywhere).
  public func spec(of id: NodeID) -> ShardingSpec {
    strategies[id.rawValue]?.output ?? .replicated(rank: graph[id].type.rank)
  }

  /// Cuts the full tensors of the graph's inputs into each device's shards, in `graph.inputs`
  /// order, as the programs' `upload` instructions read them.
  ///
  /// - Parameter tensors: One full tensor per graph input.
  public func inputs(_ tensors: [HostTensor]) -> [DeviceID: [HostTensor]] {
    precondition(tensors.count == graph.inputs.count, "one tensor per graph input")
    var result: [DeviceID: [HostTensor]] = [:]
    for (index, device) in devices.enumerated() {
      let coordinate = [index / mesh.sizes[1], index % mesh.sizes[1]]
      result[device] = zip(graph.inputs, tensors).map { input, tensor in
        Self.shard(tensor, spec: spec(of: input.node), mesh: mesh, coordinate: coordinate)
      }
    }
    return result
  }

  /// The shard of `tensor` that the device at `coordinate` holds under `spec`.
  ///
  /// A dimension split over axes `[a]` keeps part `coordinate[a]` of `n_a`; one split over both
  /// keeps part `i·n1 + j` of `n0·n1`. A partial spec gives the whole value to the devices at
  /// coordinate 0 along each partial axis and zeros to the others, which sum to the tensor.
  ///
  /// - Parameters:
  ///   - coordinate: The device's (row, column) on the mesh.
  /// - Precondition: `spec` is valid for the tensor's shape on `mesh`.
  public static func shard(
    _ tensor: HostTensor, spec: ShardingSpec, mesh: MeshShape, coordinate: [Int]
  ) -> HostTensor {
    var result = tensor
    for (dimension, sharding) in spec.dims.enumerated() where !sharding.axes.isEmpty {
      let count = mesh.devices(along: sharding.axes)
      let index = sharding.axes.reduce(0) { $0 * mesh.sizes[$1] + coordinate[$1] }
      result = result.part(index, of: count, along: dimension)
    }
    if spec.partialAxes.contains(where: { coordinate[$0] != 0 }) {
      return HostTensor.zeros(result.type)
    }
    return result
  }

  /// One program per device, in `devices` order.
  ///
  /// Each program downloads the full value of every graph output, in `graph.outputs` order.
  /// - Throws: ``LoweringError`` naming the first node that cannot be lowered.
  /// - Complexity: O(devices · nodes).
  public func programs() throws(LoweringError) -> [DeviceProgram] {
    let localNodes = try localizedNodes()
    return devices.indices.map { program(for: $0, localNodes: localNodes) }
  }

  /// Each node's local op (the same on every device), or `nil` for a parameter.
  func localizedNodes() throws(LoweringError) -> [Node?] {
    var result: [Node?] = []
    for node in graph.nodes {
      if node.op == .parameter {
        result.append(nil)
      } else if let strategy = strategies[node.id.rawValue] {
        result.append(try localNode(node, strategy: strategy))
      } else {
        if let operand = node.operands.first(where: { strategies[$0.rawValue] != nil }) {
          throw .invalidPlan(
            reason: "'\(node.name)' has no strategy but reads '\(graph[operand].name)', which has")
        }
        result.append(node)
      }
    }
    return result
  }

  private func program(for index: Int, localNodes: [Node?]) -> DeviceProgram {
    var writer = DeviceProgramWriter(index: index, devices: devices, mesh: mesh)
    var lastUse = Array(repeating: -1, count: graph.nodes.count)
    for node in graph.nodes {
      for operand in node.operands { lastUse[operand.rawValue] = node.id.rawValue }
    }
    for output in graph.outputs { lastUse[output.node.rawValue] = graph.nodes.count }
    var values: [BufferID?] = Array(repeating: nil, count: graph.nodes.count)
    for (position, input) in graph.inputs.enumerated() {
      values[input.node.rawValue] = writer.upload(position)
    }
    for node in graph.nodes where node.op != .parameter {
      let result = emit(
        node, operands: node.operands.map { values[$0.rawValue]! },
        local: localNodes[node.id.rawValue]!, into: &writer)
      values[node.id.rawValue] = result
      for operand in Set(node.operands) where lastUse[operand.rawValue] == node.id.rawValue {
        writer.free(values[operand.rawValue]!)
        values[operand.rawValue] = nil
      }
      if lastUse[node.id.rawValue] < 0 {
        writer.free(result)
        values[node.id.rawValue] = nil
      }
    }
    for output in graph.outputs {
      let held = values[output.node.rawValue]!
      let type = graph[output.node].type
      let full = writer.reshard(
        held, type, from: spec(of: output.node), to: .replicated(rank: type.rank),
        devices: devices, name: graph[output.node].name)
      writer.download(full)
      if full != held { writer.free(full) }
    }
    return writer.program
  }

  /// Writes node `node`: reshards each operand (held in its producer's spec) to the spec its
  /// local op reads (``requiredSpecs(of:)``), runs the local op (moving a vocabulary-split
  /// gather's or scatter-add's indices into the device's rows first, see ``RowShift``) and the
  /// strategy's own collectives, and frees the temporaries, leaving the operands alive.
  ///
  /// - Parameters:
  ///   - operands: The buffers holding the node's operands, in order.
  ///   - local: The node's local op, from ``localizedNodes()``.
  /// - Returns: The buffer holding the node's value in ``spec(of:)``.
  func emit(
    _ node: Node, operands held: [BufferID], local: Node, into writer: inout DeviceProgramWriter
  ) -> BufferID {
    var operands: [BufferID] = []
    var temporaries: [BufferID] = []
    let required = requiredSpecs(of: node)
    for (operand, (buffer, target)) in zip(node.operands, zip(held, required)) {
      let resharded = writer.reshard(
        buffer, graph[operand].type, from: spec(of: operand), to: target, devices: devices,
        name: node.name)
      if resharded != buffer { temporaries.append(resharded) }
      operands.append(resharded)
    }
    let shift = RowShift(
      node, operandTypes: node.operands.map { graph[$0].type }, operands: required, mesh: mesh)
    var result =
      shift.map { writer.run(local, operands, shift: $0) } ?? writer.run(local, operands)
    for collective in strategies[node.id.rawValue]?.collectives ?? [] {
      let axes = collective.axes.filter { mesh.sizes[$0] > 1 }
      guard !axes.isEmpty else { continue }
      let completed = writer.collective(.allReduce, result, axes: axes, devices: devices)
      writer.free(result)
      result = completed
    }
    for buffer in temporaries { writer.free(buffer) }
    return result
  }
}
