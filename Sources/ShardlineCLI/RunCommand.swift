import ArgumentParser
import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlinePlan
import ShardlineRuntime

/// `shardline run`: trains a plan's model for a few steps on virtual devices, as the plan
/// pipelines and shards it.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run training steps of a plan on virtual CPU devices.",
    discussion: """
      Rebuilds the plan's model (a plan made from a graph file or a .mlir step reads it from \
      --model; each of its microbatches is a batch of that graph), draws its parameters (with \
      the model's initializers) and a batch from the seed, and runs each step as the plan's pipeline: every stage on its own \
      devices and mesh, the microbatches in the plan's schedule. Prints each step's loss and \
      time, and each stage's computing time, next to the plan's estimates (made for the plan's \
      cluster, not for this machine). With --verify, step 1 is also run on one device by the \
      reference interpreter, and any difference in the loss or an updated tensor beyond a \
      relative 1e-4 fails the run. With --trace, the last step's measured timeline is written as \
      Chrome trace JSON, in the form `plan --trace` writes the planned one. Adam turns gradients that are only rounding noise (such as a \
      bias the softmax ignores) into full steps of either sign, which can exceed that: verify \
      plans made with --optimizer sgd. With --scale-down K, a GPT or MoE plan keeps its stages, \
      devices, meshes, shardings, microbatches and schedule while its model's hidden size, \
      sequence length, vocabulary and batch are divided by K (the batch by B instead with \
      --scale-down-batch B), so that a plan for a large cluster rehearses its communication \
      and schedule here. With --data, a GPT or MoE model trains on a text file as a \
      character-level language model: each step feeds a new batch of windows of the text \
      (drawn from the seed) and the characters after them.
      """)

  @Argument(help: ArgumentHelp("A plan file, written by `plan`.", valueName: "plan.json"))
  var planFile: String

  @Option(
    help: ArgumentHelp(
      "For a plan made from a graph file (JSON or .mlir): that file.", valueName: "file"))
  var model: String?

  @OptionGroup var roles: ImportRoleFlags

  @Option(help: ArgumentHelp("The backend to run on: cpu.", valueName: "name"))
  var backend = "cpu"

  @Option(help: ArgumentHelp("Training steps to run.", valueName: "n"))
  var steps = 1

  @Option(help: ArgumentHelp("The seed of the parameters and the batch.", valueName: "s"))
  var seed: UInt64 = 1

  @Flag(help: "Compare step 1 with the reference interpreter; fail on a mismatch.")
  var verify = false

  @Option(
    help: ArgumentHelp(
      "Write the last step's measured pipeline timeline as Chrome trace JSON.",
      valueName: "file"))
  var trace: String?

  @Option(
    help: ArgumentHelp(
      "Divide the model's hidden size, sequence, vocabulary and batch by K, keeping the plan.",
      valueName: "K"))
  var scaleDown: Int?

  @Option(
    help: ArgumentHelp(
      "With --scale-down, divide the batch by B instead of K (1 keeps it).", valueName: "B"))
  var scaleDownBatch: Int?

  @Option(
    help: ArgumentHelp(
      "Train on this text file's characters instead of a synthetic batch.", valueName: "file"))
  var data: String?

  @Option(
    help: ArgumentHelp(
      "Make device dN fail at its K-th backend call of each step (from 0), to check that a "
        + "failure ends the run with a clear error.", valueName: "dN@K"))
  var failDevice: String?

  func validate() throws {
    guard backend == "cpu" else {
      throw ValidationError("unknown backend '\(backend)'; the only backend is cpu")
    }
    guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
    if let scaleDown, scaleDown < 1 {
      throw ValidationError("--scale-down must be at least 1, got \(scaleDown)")
    }
    if let failDevice, Self.injectedFailure(failDevice) == nil {
      throw ValidationError("bad --fail-device '\(failDevice)': expected dN@K, such as d3@5")
    }
    if let scaleDownBatch {
      guard scaleDown != nil else {
        throw ValidationError("--scale-down-batch needs --scale-down")
      }
      guard scaleDownBatch >= 1 else {
        throw ValidationError("--scale-down-batch must be at least 1, got \(scaleDownBatch)")
      }
    }
  }

  func run() throws {
    var file = try PlanFile.load(planFile, graphFile: model, roles: roles)
    if let scaleDown {
      file = try file.scaledDown(by: scaleDown, batchBy: scaleDownBatch)
    }
    let plan = file.plan
    if verify, plan.microbatches > 1, plan.model.config?.normalizesOverTheBatch == true {
      throw CLIError(
        "\(planFile): --verify compares with the full-batch step, but \(plan.model.name) "
          + "normalizes by batch statistics (batch norm), which \(plan.microbatches) microbatches "
          + "compute per microbatch: verify a plan made with --microbatches 1")
    }
    if verify, plan.microbatches > 1, plan.model.config == nil {
      throw CLIError(
        "\(planFile): --verify compares with the graph's own step, and \(plan.model.name) is one "
          + "microbatch of the \(plan.microbatches) the plan runs: verify a plan made with "
          + "--microbatches 1")
    }
    let trainingData = try corpus().map(TrainingData.corpus) ?? .synthetic
    let graph = try file.microbatchGraph()
    let whole: Graph
    var session: TrainingSession
    let estimate: PlanEstimate
    do {
      whole = try file.source.microbatchGraph(microbatches: 1)
      session = try TrainingSession(
        plan: plan, graph: graph, wholeGraph: whole, seed: seed, data: trainingData)
      estimate = try PlanEvaluator(graph: graph).evaluate(plan)
    } catch {
      throw CLIError("\(planFile): \(error)")
    }
    if let failure = failDevice.flatMap(Self.injectedFailure) {
      guard session.pipeline.devices.contains(failure.device) else {
        throw CLIError("--fail-device: the plan has no device \(failure.device)")
      }
      session.injectedFailures = [failure.device: failure.call]
    }
    if let scaleDown, let config = plan.model.config {
      print(
        "\(plan.model.name) scaled down \(scaleDown)× (batch \(scaleDownBatch ?? scaleDown)×): "
          + "\(config)")
    }
    if case .corpus(let corpus) = trainingData {
      let uniformLoss = Foundation.log(Double(corpus.alphabet.count))
      print(
        "data: \(corpus.name), \(corpus.ids.count) characters, \(corpus.alphabet.count) distinct "
          + "(guessing them uniformly: loss \(String(format: "%.4f", uniformLoss)))")
    }
    print(
      "\(plan.model.name): \(plan.stages.count) stage(s) on \(plan.cluster.deviceCount) CPU "
        + "device(s), \(plan.microbatches) microbatch(es), \(plan.schedule)")
    let options = ExecutionOptions(watchdogTimeoutSeconds: 30)
    var timeline: PipelineTimeline?
    for step in 1...steps {
      let stepInputs = session.inputs
      let result: PlanRunResult
      do {
        result = try session.runStep(options: options)
      } catch {
        throw CLIError("step \(step): \(error)")
      }
      print(
        "step \(step): loss \(String(format: "%.6f", result.loss)), "
          + "\(Self.milliseconds(result.seconds)) (plan estimate "
          + "\(Self.milliseconds(estimate.iterationSeconds)) on its cluster)")
      for (index, busy) in result.stageBusySeconds.enumerated() {
        let planned =
          estimate.stages.indices.contains(index)
          ? Self.milliseconds(estimate.stages[index].computeSeconds) : "?"
        print("  stage \(index): computing \(Self.milliseconds(busy)) (plan estimate \(planned))")
      }
      if verify && step == 1 {
        try Self.verify(result, against: whole, inputs: stepInputs)
      }
      timeline = result.timeline
    }
    if let trace {
      try PlanOutput.writeTrace(timeline, of: plan, to: trace)
      print("trace: step \(steps)'s measured timeline written to \(trace)")
    }
  }

  /// The device and call of a `--fail-device` value `dN@K`, or `nil` when malformed.
  private static func injectedFailure(_ text: String) -> (device: DeviceID, call: Int)? {
    let parts = text.split(separator: "@")
    guard parts.count == 2, parts[0].hasPrefix("d"), let device = Int(parts[0].dropFirst()),
      let call = Int(parts[1]), device >= 0, call >= 0
    else { return nil }
    return (DeviceID(rawValue: device), call)
  }

  /// The corpus of `--data`, if given.
  private func corpus() throws -> CharacterCorpus? {
    guard let data else { return nil }
    do {
      return try CharacterCorpus(contentsOf: data)
    } catch {
      throw CLIError("--data \(error)")
    }
  }

  /// `12.345 ms`.
  private static func milliseconds(_ seconds: Double) -> String {
    String(format: "%.3f ms", seconds * 1000)
  }

  /// Runs the full-batch step on the reference interpreter and fails on any output whose
  /// relative difference exceeds 1e-4.
  private static func verify(_ result: PlanRunResult, against whole: Graph, inputs: [HostTensor])
    throws
  {
    let expected: [HostTensor]
    do {
      expected = try Interpreter.run(whole, inputs: inputs)
    } catch {
      throw CLIError("verify: the reference interpreter failed: \(error)")
    }
    var worst = 0.0
    for (index, (got, want)) in zip(result.outputs, expected).enumerated() {
      let name = whole[whole.outputs[index].node].name
      guard let error = got.relativeDifference(from: want) else {
        throw CLIError("verify: '\(name)' has shape \(got.shape), the reference \(want.shape)")
      }
      guard error <= 1e-4 else {
        throw CLIError(
          "verify: '\(name)' differs from the reference by \(error) (relative; limit 1e-4)")
      }
      worst = max(worst, error)
    }
    print(
      "verify: the loss and \(expected.count - 1) updated tensors match the reference "
        + "interpreter (largest relative difference \(String(format: "%.2e", worst)))")
  }
}
