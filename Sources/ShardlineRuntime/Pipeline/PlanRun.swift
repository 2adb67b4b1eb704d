import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlinePlan
import ShardlineSharding

/// One training iteration of a ``Plan`` as a pipeline on a ``RuntimeBackend``: every stage on its
/// own devices and logical mesh, every microbatch's forward and backward in the order the plan's
/// schedule gives each stage (GPipe or 1F1B), then each stage's update once. Under interleaved
/// 1F1B the stages sharing a device group are its model chunks, and the group runs their tasks
/// in the interleaved order (``InterleavedProgram``).
///
/// Each stage's slice of the per-microbatch training graph is lowered with ``SPMDLowering``'s
/// local ops and resharding on the stage's mesh, split into tasks: the forward of a microbatch,
/// its backward, and the update. All tasks of a device form one ``DeviceProgram``, so the stages
/// run concurrently and wait on each other only for the values they exchange:
/// - activations and their gradients move per microbatch, right after they are computed;
/// - values that do not depend on the batch (a tied weight read by a later stage) move once;
/// - gradient contributions that only add up into a parameter's gradient (the tied embedding's
///   from the head) are averaged over the microbatches where they are produced and move once,
///   before the updates.
///
/// A value crosses stages tile by tile, as the plan's estimate prices it
/// (``CrossMeshResharding/route(_:from:to:on:)``): a partial sum is completed on the sender's
/// mesh, each receiving device gets only the pieces of its tile from the source devices holding
/// them, or its slice of the tile followed by an all-gather among the receivers that replicate
/// it (Alpa's local all-gather). The update reads the mean over
/// the microbatches of every per-microbatch value it uses: the training graph's loss is a mean
/// over its batch, so this gives the full batch's gradients (for models whose loss decomposes
/// over examples, without batch statistics or auxiliary losses across the batch).
public struct PlanRun: Sendable {
  /// The plan.
  public let plan: Plan
  /// The per-microbatch training graph the plan's node ids refer to.
  public let graph: Graph
  /// One program per device of the plan's stages.
  public let programs: [DeviceProgram]
  /// Every device the run uses, once each (stages that are chunks of one device group under
  /// interleaved 1F1B share theirs), in ``programs`` order.
  public var devices: [DeviceID] { programs.map(\.device) }
  let io: [DeviceID: PipelineIO]
  /// Each device's compute tasks in program order, with the range of their instructions.
  let taskInstructions: [DeviceID: [(step: PipelineStep, instructions: Range<Int>)]]

  /// Lowers `plan` to device programs.
  ///
  /// - Throws: ``PlanRunError`` when the plan was made for another graph, has a structural
  ///   problem (``PlanEvaluator/structuralIssues(of:)``), a stage cannot be inspected or
  ///   lowered, or stages share devices other than as the model chunks of interleaved 1F1B.
  public init(plan: Plan, graph: Graph) throws(PlanRunError) {
    let users = graph.users()
    let digest = GraphSlice(of: graph, members: graph.nodes.map(\.id), users: users).digest
    guard digest == plan.model.graphDigest else {
      throw .invalidPlan(reason: "the plan was made for another graph than \(graph.name)'s")
    }
    let evaluator = PlanEvaluator(graph: graph)
    let issues: [PlanIssue]
    do {
      issues = try evaluator.structuralIssues(of: plan)
    } catch {
      throw .invalidPlan(reason: error.description)
    }
    if let issue = issues.first { throw .invalidPlan(reason: issue.description) }
    let virtualStages = plan.virtualStages
    let groupCount = plan.stages.count / virtualStages
    try Self.checkDeviceGroups(plan, groupCount: groupCount)
    guard virtualStages == 1 || plan.microbatches % groupCount == 0 else {
      throw .invalidPlan(
        reason: "interleaved 1F1B needs the \(plan.microbatches) microbatches to be a multiple "
          + "of the \(groupCount) device groups")
    }
    for output in graph.outputs where output.role == .value {
      throw .unsupported(
        stage: 0, reason: "output '\(graph[output.node].name)' is not a loss or update")
    }
    var inspections: [StageInspection] = []
    for index in plan.stages.indices {
      do {
        inspections.append(try evaluator.inspect(plan, stage: index))
      } catch {
        throw .invalidPlan(reason: error.description)
      }
    }
    let stages = try Self.stageTasks(plan: plan, graph: graph, inspections: inspections)
    var programs: [DeviceProgram] = []
    var io: [DeviceID: PipelineIO] = [:]
    var taskInstructions: [DeviceID: [(step: PipelineStep, instructions: Range<Int>)]] = [:]
    let orders = PipelineSimulator.computeOrders(
      schedule: plan.schedule, stageCount: plan.stages.count, microbatches: plan.microbatches,
      virtualStages: virtualStages)
    for (group, order) in orders.enumerated() {
      let chunks = Array(stride(from: group, to: plan.stages.count, by: groupCount))
      for index in plan.stages[group].devices.indices {
        let writers = chunks.map { stage in
          var writer = StageProgramWriter(
            tasks: stages[stage], stageDevices: plan.stages.map(\.devices),
            microbatches: plan.microbatches, index: index)
          writer.write(order: order.filter { $0.stage == stage })
          return writer
        }
        let spliced = InterleavedProgram(chunks: writers, order: order)
        programs.append(spliced.program)
        io[spliced.program.device] = spliced.io
        taskInstructions[spliced.program.device] = spliced.taskInstructions
      }
    }
    self.plan = plan
    self.graph = graph
    self.programs = programs
    self.io = io
    self.taskInstructions = taskInstructions
  }

  /// Checks that no two stages share a device, except the chunks of one device group under
  /// interleaved 1F1B: stage s then runs on the devices of stage s mod `groupCount`.
  private static func checkDeviceGroups(_ plan: Plan, groupCount: Int) throws(PlanRunError) {
    let groups = plan.stages.prefix(groupCount).flatMap(\.devices)
    guard Set(groups).count == groups.count else {
      throw .invalidPlan(reason: "stages share devices")
    }
    for (index, stage) in plan.stages.enumerated().dropFirst(groupCount)
    where stage.devices != plan.stages[index % groupCount].devices {
      throw .invalidPlan(
        reason: "stage \(index) shares devices with other stages but not those of stage "
          + "\(index % groupCount), whose model chunk it would be under interleaved 1F1B")
    }
  }

  /// Splits every stage into its tasks, with the transfers between them.
  private static func stageTasks(
    plan: Plan, graph: Graph, inspections: [StageInspection]
  ) throws(PlanRunError) -> [StageTasks] {
    var owner: [NodeID: Int] = [:]
    for (stage, inspection) in inspections.enumerated() {
      let boundary = Set(inspection.slice.boundaryInputs)
      for (local, whole) in inspection.slice.wholeGraphNodes.enumerated()
      where !boundary.contains(NodeID(local)) {
        owner[whole] = stage
      }
    }
    let classes = ValueClasses(graph: graph)
    var transfers: [StageTransfer] = []
    for (target, inspection) in inspections.enumerated() {
      for boundary in inspection.slice.boundaryInputs {
        let producer = inspection.slice.wholeGraphNodes[boundary.rawValue]
        guard let source = owner[producer],
          let sourceNode = inspections[source].slice.sliceNodes[producer]
        else {
          throw .invalidPlan(reason: "no stage computes '\(graph[producer].name)'")
        }
        if graph[producer].phase == .update && !classes.perIteration[producer.rawValue] {
          throw .unsupported(
            stage: target,
            reason:
              "its optimizer update reads '\(graph[producer].name)', which stage \(source)'s "
              + "update computes from its gradients (a statistic over several stages' gradients, "
              + "such as clipping by global norm); each stage runs its update on its own, so "
              + "plan this step in one stage")
        }
        let frequency: TransferFrequency =
          classes.accumulatesGradient[producer.rawValue]
          ? .accumulated : classes.perIteration[producer.rawValue] ? .once : .perMicrobatch
        let type = graph[producer].type
        func placement(_ stage: Int, _ node: NodeID) -> MeshPlacement {
          let spec = inspections[stage].chosen[node.rawValue]?.output
          return MeshPlacement(
            devices: plan.stages[stage].devices, shape: plan.stages[stage].logicalShape,
            spec: (spec ?? .replicated(rank: type.rank)).withoutPartial)
        }
        let route = CrossMeshResharding.route(
          type, from: placement(source, sourceNode), to: placement(target, boundary),
          on: plan.cluster)
        transfers.append(
          StageTransfer(
            index: transfers.count, source: source, sourceNode: sourceNode, target: target,
            targetNode: boundary, frequency: frequency, route: route))
      }
    }
    let wholeInputs = Dictionary(
      graph.inputs.enumerated().map { ($1.node, $0) }, uniquingKeysWith: { a, _ in a })
    var stages: [StageTasks] = []
    for (index, inspection) in inspections.enumerated() {
      let stage = plan.stages[index]
      do {
        stages.append(
          try StageTasks(
            stage: index, slice: inspection.slice, strategies: inspection.chosen,
            mesh: MeshShape(stage.logicalShape.rows, stage.logicalShape.columns),
            devices: stage.devices, transfers: transfers, classes: classes,
            wholeInputs: wholeInputs))
      } catch let error as LoweringError {
        throw .lowering(stage: index, error)
      } catch let error as PlanRunError {
        throw error
      } catch {
        throw .invalidPlan(reason: "stage \(index): \(error)")
      }
    }
    return stages
  }

  /// Runs one iteration.
  ///
  /// - Parameters:
  ///   - inputs: One host tensor per input of ``graph``, in its order: parameters and optimizer
  ///     state as the graph types them, batch inputs for the whole iteration (the plan's
  ///     microbatches stacked along dimension 0, microbatch `m` being part `m` of `microbatches`).
  ///   - backend: Drives every device of the plan.
  ///   - options: The watchdog's settings.
  /// - Returns: The graph's outputs for the whole batch, with the measured time and timeline.
  /// - Throws: ``PlanRunError/invalidInput(reason:)`` for inputs that do not fit, or the
  ///   ``RuntimeError`` that stopped the run.
  public func run(
    inputs: [HostTensor], on backend: any RuntimeBackend,
    options: ExecutionOptions = ExecutionOptions()
  ) async throws -> PlanRunResult {
    let microbatches = plan.microbatches
    guard inputs.count == graph.inputs.count else {
      throw PlanRunError.invalidInput(
        reason: "\(inputs.count) tensors for \(graph.inputs.count) graph inputs")
    }
    for (input, tensor) in zip(graph.inputs, inputs) {
      var expected = graph[input.node].type
      if input.role == .batch, !expected.shape.isEmpty {
        expected = expected.with(
          shape: [expected.shape[0] * microbatches] + expected.shape.dropFirst())
      }
      guard tensor.type == expected else {
        throw PlanRunError.invalidInput(
          reason: "'\(graph[input.node].name)' is \(tensor.type), expected \(expected)")
      }
    }
    var deviceInputs: [DeviceID: [HostTensor]] = [:]
    for (device, deviceIO) in io {
      deviceInputs[device] = deviceIO.uploads.map { upload in
        var tensor = inputs[upload.wholeInput]
        if let microbatch = upload.microbatch {
          tensor = tensor.part(microbatch, of: microbatches, along: 0)
        }
        return SPMDLowering.shard(
          tensor, spec: upload.spec, mesh: upload.mesh, coordinate: upload.coordinate)
      }
    }
    let start = Date()
    let report = try await Execution(programs: programs, options: options)
      .report(on: backend, inputs: deviceInputs)
    let results = report.downloads
    let seconds = Date().timeIntervalSince(start)
    var losses = [Float](repeating: 0, count: microbatches)
    var values: [NodeID: HostTensor] = [:]
    for (device, deviceIO) in io {
      for (download, tensor) in zip(deviceIO.downloads, results[device] ?? []) {
        if let microbatch = download.microbatch {
          losses[microbatch] = tensor.storage[0]
        } else {
          values[download.wholeNode] = tensor
        }
      }
    }
    let loss = losses.reduce(0, +) / Float(microbatches)
    let outputs = graph.outputs.map { output in
      output.role == .loss ? HostTensor(scalar: loss) : values[output.node]!
    }
    let busy = plan.stages.indices.map { stageBusySeconds($0, report) }
    return PlanRunResult(
      loss: loss, microbatchLosses: losses, outputs: outputs, seconds: seconds,
      stageBusySeconds: busy, timeline: measuredTimeline(report))
  }
}
