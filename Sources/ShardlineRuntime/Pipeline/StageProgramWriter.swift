import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding

/// What one device of a pipelined run uploads and downloads, in the order its program does.
struct PipelineIO: Sendable {
  /// A host tensor a device uploads: a whole-graph input (one microbatch of a batch input),
  /// cut to the device's shard of `spec`.
  struct Upload: Sendable {
    var wholeInput: Int
    var microbatch: Int?
    var spec: ShardingSpec
    var mesh: MeshShape
    var coordinate: [Int]
  }

  /// A value a device downloads: a whole-graph node, for one microbatch (the loss) or the
  /// iteration (updates).
  struct Download: Sendable, Hashable {
    var wholeNode: NodeID
    var microbatch: Int?
  }

  var uploads: [Upload] = []
  var downloads: [Download] = []
}

/// Writes the program of one device of a stage for one iteration, following the stage's order
/// of forward, backward and update tasks.
///
/// Values crossing stages move tile by tile along their transfer's ``CrossMeshRoute``: the
/// sender completes a partial sum and cuts out the boxes it sends; the receiver assembles its
/// tile (all-gathering it with its group when the route says so). Gradients and other per-microbatch values the update reads are summed over the
/// microbatches and divided by their count before the update. Only the stage's first device
/// downloads.
struct StageProgramWriter {
  let tasks: StageTasks
  /// Every stage's devices, for addressing transfers.
  let stageDevices: [[DeviceID]]
  let microbatches: Int
  let index: Int
  private var writer: DeviceProgramWriter
  private(set) var io = PipelineIO()
  /// Each compute task written, in program order, with the range of its instructions.
  private(set) var taskInstructions: [(step: PipelineStep, instructions: Range<Int>)] = []
  private var persistent: [NodeID: BufferID] = [:]
  private var perMicrobatch: [Int: [NodeID: BufferID]] = [:]
  private var sums: [NodeID: BufferID] = [:]
  private var updateValues: [NodeID: BufferID] = [:]

  /// Starts the program of device `index` of the stage.
  init(tasks: StageTasks, stageDevices: [[DeviceID]], microbatches: Int, index: Int) {
    self.tasks = tasks
    self.stageDevices = stageDevices
    self.microbatches = microbatches
    self.index = index
    writer = DeviceProgramWriter(
      index: index, devices: tasks.lowering.devices, mesh: tasks.lowering.mesh)
  }

  private var graph: Graph { tasks.lowering.graph }
  private var mesh: MeshShape { tasks.lowering.mesh }
  private var devices: [DeviceID] { tasks.lowering.devices }

  /// The program written.
  var program: DeviceProgram { writer.program }

  /// Writes the whole iteration: uploads, the tasks in `order`, downloads and frees.
  mutating func write(order: [PipelineStep]) {
    for (node, input) in tasks.persistentInputs {
      persistent[node] = upload(node, wholeInput: input, microbatch: nil)
      sendOnce(node, persistent[node]!, after: nil)
    }
    for step in order {
      let first = writer.instructions.count
      switch step.kind {
      case .forward: runMicrobatch(tasks.forward, step.microbatch, isForward: true)
      case .backward: runMicrobatch(tasks.backward, step.microbatch, isForward: false)
      case .update: runUpdate()
      case .sendForward, .sendBackward: continue
      }
      taskInstructions.append((step, first..<writer.instructions.count))
    }
    for buffer in Set(persistent.values).union(updateValues.values).sorted() {
      writer.free(buffer)
    }
  }

  private mutating func upload(_ node: NodeID, wholeInput: Int, microbatch: Int?) -> BufferID {
    let coordinate = [index / mesh.sizes[1], index % mesh.sizes[1]]
    io.uploads.append(
      PipelineIO.Upload(
        wholeInput: wholeInput, microbatch: microbatch, spec: tasks.lowering.spec(of: node),
        mesh: mesh, coordinate: coordinate))
    return writer.upload(io.uploads.count - 1)
  }

  /// The message tag of a transfer for a microbatch (`nil`: once per iteration).
  private func tag(_ transfer: StageTransfer, _ microbatch: Int?) -> Int {
    transfer.index * (microbatches + 1) + (microbatch ?? microbatches)
  }

  /// Sends `buffer`, node `node`'s value, on every transfer of `frequency` leaving it.
  private mutating func send(
    _ node: NodeID, _ buffer: BufferID, frequency: TransferFrequency, microbatch: Int?
  ) {
    let outgoing = (tasks.sends[node] ?? []).filter { $0.frequency == frequency }
    guard !outgoing.isEmpty else { return }
    let type = graph[node].type
    let spec = tasks.lowering.spec(of: node)
    let complete = writer.reshard(
      buffer, type, from: spec, to: spec.withoutPartial, devices: devices, name: graph[node].name)
    let local = type.with(shape: spec.localShape(of: type.shape, on: mesh))
    for transfer in outgoing {
      writer.send(
        complete, local, route: transfer.route, sender: index,
        receivers: stageDevices[transfer.target], tag: tag(transfer, microbatch),
        name: graph[node].name)
    }
    if complete != buffer { writer.free(complete) }
  }

  private mutating func sendOnce(_ node: NodeID, _ buffer: BufferID, after microbatch: Int?) {
    guard microbatch == nil || microbatch == 0 else { return }
    send(node, buffer, frequency: .once, microbatch: nil)
  }

  /// Receives boundary input `node`'s tile and lays it out in the node's spec.
  private mutating func receive(_ node: NodeID, microbatch: Int?) -> BufferID {
    let transfer = tasks.receives[node]!
    let type = graph[node].type
    let spec = tasks.lowering.spec(of: node)
    let tile = writer.receive(
      type, route: transfer.route, receiver: index, senders: stageDevices[transfer.source],
      tag: tag(transfer, microbatch), devices: devices, name: graph[node].name)
    let value = writer.reshard(
      tile, type, from: spec.withoutPartial, to: spec, devices: devices, name: graph[node].name)
    if value != tile { writer.free(tile) }
    return value
  }

  /// Makes `node`'s value of `microbatch` available before a task reads it: a batch input is
  /// uploaded, a boundary input received.
  private mutating func fetch(_ node: NodeID, microbatch: Int) {
    guard perMicrobatch[microbatch]?[node] == nil, persistent[node] == nil else { return }
    if let batch = tasks.batchInputs.first(where: { $0.node == node }) {
      define(node, upload(node, wholeInput: batch.wholeInput, microbatch: microbatch), microbatch)
    } else if let transfer = tasks.receives[node] {
      switch transfer.frequency {
      case .perMicrobatch: define(node, receive(node, microbatch: microbatch), microbatch)
      case .once: persistent[node] = receive(node, microbatch: nil)
      case .accumulated: break
      }
    }
  }

  /// Records `node`'s value of `microbatch`: sends it where it goes and adds it to its sum.
  private mutating func define(_ node: NodeID, _ buffer: BufferID, _ microbatch: Int) {
    perMicrobatch[microbatch, default: [:]][node] = buffer
    send(node, buffer, frequency: .perMicrobatch, microbatch: microbatch)
    sendOnce(node, buffer, after: microbatch)
    guard tasks.accumulated.contains(node) else { return }
    guard let sum = sums[node] else {
      sums[node] = buffer
      return
    }
    let type = localType(of: node)
    let add = Node(
      id: NodeID(0), op: .binary(.add), operands: [NodeID(0), NodeID(1)], type: type,
      name: graph[node].name + "/accumulate", phase: .backward, layer: nil)
    sums[node] = writer.run(add, [sum, buffer])
    if !perMicrobatch.values.contains(where: { $0.values.contains(sum) }) { writer.free(sum) }
  }

  private func localType(of node: NodeID) -> TensorType {
    let type = graph[node].type
    return type.with(shape: tasks.lowering.spec(of: node).localShape(of: type.shape, on: mesh))
  }

  private mutating func runMicrobatch(_ nodes: [NodeID], _ microbatch: Int, isForward: Bool) {
    if isForward {
      for (node, _) in tasks.batchInputs { fetch(node, microbatch: microbatch) }
    }
    for node in nodes {
      for operand in graph[node].operands { fetch(operand, microbatch: microbatch) }
      let operands = graph[node].operands.map {
        perMicrobatch[microbatch]?[$0] ?? persistent[$0]!
      }
      let result = tasks.lowering.emit(
        graph[node], operands: operands, local: tasks.localNodes[node.rawValue]!, into: &writer)
      define(node, result, microbatch)
      if node == tasks.loss { download(node, result, microbatch: microbatch) }
    }
    if !isForward {
      for node in tasks.accumulated.sorted() where tasks.receives[node] != nil {
        fetch(node, microbatch: microbatch)
      }
    }
    let values = perMicrobatch[microbatch] ?? [:]
    var kept: [NodeID: BufferID] = [:]
    for (node, buffer) in values.sorted(by: { $0.key < $1.key }) {
      if isForward && tasks.keptForBackward.contains(node) {
        kept[node] = buffer
      } else if sums[node] != buffer {
        writer.free(buffer)
      }
    }
    perMicrobatch[microbatch] = kept.isEmpty ? nil : kept
  }

  private mutating func download(_ node: NodeID, _ buffer: BufferID, microbatch: Int?) {
    let type = graph[node].type
    let full = writer.reshard(
      buffer, type, from: tasks.lowering.spec(of: node), to: .replicated(rank: type.rank),
      devices: devices, name: graph[node].name)
    if index == 0 {
      writer.download(full)
      io.downloads.append(
        PipelineIO.Download(wholeNode: tasks.wholeNodes[node.rawValue], microbatch: microbatch))
    }
    if full != buffer { writer.free(full) }
  }

  private mutating func runUpdate() {
    for node in tasks.accumulated.sorted() where microbatches > 1 {
      let type = localType(of: node)
      let scale = writer.run(
        Node(
          id: NodeID(0), op: .constant(.splat(1 / Double(microbatches))), operands: [],
          type: type, name: graph[node].name + "/mean_scale", phase: .update, layer: nil), [])
      let mean = writer.run(
        Node(
          id: NodeID(0), op: .binary(.multiply), operands: [NodeID(0), NodeID(1)], type: type,
          name: graph[node].name + "/mean", phase: .update, layer: nil), [sums[node]!, scale])
      writer.free(scale)
      writer.free(sums[node]!)
      sums[node] = mean
    }
    for node in sums.keys.sorted() {
      send(node, sums[node]!, frequency: .accumulated, microbatch: nil)
    }
    for node in tasks.update {
      for operand in graph[node].operands where updateValues[operand] == nil {
        if let sum = sums[operand] {
          updateValues[operand] = sum
        } else if persistent[operand] == nil, let transfer = tasks.receives[operand] {
          let value = receive(operand, microbatch: nil)
          if transfer.frequency == .once {
            persistent[operand] = value
          } else {
            updateValues[operand] = value
          }
        }
      }
      let operands = graph[node].operands.map { updateValues[$0] ?? persistent[$0]! }
      let result = tasks.lowering.emit(
        graph[node], operands: operands, local: tasks.localNodes[node.rawValue]!, into: &writer)
      updateValues[node] = result
      send(node, result, frequency: .accumulated, microbatch: nil)
      if tasks.onlyInUpdate.contains(node) { send(node, result, frequency: .once, microbatch: nil) }
    }
    for node in tasks.updates { download(node, updateValues[node]!, microbatch: nil) }
    for (node, buffer) in sums.sorted(by: { $0.key < $1.key }) where updateValues[node] != buffer {
      writer.free(buffer)
    }
    sums = [:]
  }
}
