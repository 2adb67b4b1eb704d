import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner
import ShardlineRuntime
import ShardlineSharding
import Testing

/// Plans of tiny models in two stages, and the check that a pipelined iteration matches the
/// reference interpreter's full-batch training step.
enum PipelineFixtures {
  /// A planned model: its source and plan.
  struct Fixture: Sendable {
    /// The model as planned.
    let source: ModelSource
    /// The plan.
    let plan: Plan
  }

  /// Plans `preset` (with `overrides` and `optimizer`) on one p3.16xlarge host in exactly two
  /// stages of 1×4 submeshes with `microbatches` microbatches.
  static func plan(
    _ preset: String, overrides: ModelOverrides = ModelOverrides(), optimizer: Optimizer,
    microbatches: Int, modes: [ShardingMode] = [.auto, .shardedState]
  ) throws -> Fixture {
    let preset = try ModelZoo.preset(named: preset).applying(overrides)
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model,
      training: preset.trainingOptions(optimizer: optimizer))
    let planner = Planner(
      options: PlannerOptions(microbatches: .count(microbatches)), cacheDirectory: nil)
    let plan = try planner.plan(
      source, on: try ClusterSpec.parse("p3.16xlarge"),
      space: SearchSpace(
        submeshes: [SubmeshShape(hostCount: 1, devicesPerHost: 4)], modes: modes,
        stageCounts: 2...2))
    return Fixture(source: source, plan: plan)
  }

  /// gpt-tiny at depth 6, batch 16, in 2 stages of 4 devices with 4 microbatches (the explorer
  /// tests' plan), planned once per test run. Its head reads the tied token embedding from the
  /// first stage once per iteration and sends its gradient contribution back once, averaged
  /// over the microbatches. It trains with SGD: Adam turns the qkv bias's key
  /// part, whose gradient is rounding noise around 0 (softmax ignores a bias shared by all
  /// keys), into full steps of either sign, which differ from the reference's by 2e-4.
  static let gptTiny = Result<Fixture, any Error> {
    try plan(
      "gpt-tiny", overrides: ModelOverrides(layers: 6, batch: 16),
      optimizer: .sgd(learningRate: 0.1), microbatches: 4)
  }

  /// mlp-tiny in 2 stages of 4 devices with 2 microbatches, its stages forced to shard their
  /// state, trained with Adam, planned once per test run.
  static let mlpTiny = Result<Fixture, any Error> {
    try plan(
      "mlp-tiny", optimizer: .adam(learningRate: 1e-3), microbatches: 2,
      modes: [.shardedState])
  }

  /// gpt-tiny (vocabulary 64, sequence 16, batch 4) in 2 stages of 4 devices with 2
  /// microbatches, trained with Adam at a rate that moves the loss within a few steps, planned
  /// once per test run: the character-level model of the corpus tests.
  static let charGPT = Result<Fixture, any Error> {
    try plan("gpt-tiny", optimizer: .adam(learningRate: 1e-2), microbatches: 2)
  }

  /// Runs one iteration of `fixture`'s plan under `schedule` on CPU devices and expects the
  /// loss and every updated parameter and optimizer state to match the interpreter's
  /// full-batch step within a relative error of 1e-4.
  static func expectMatchesInterpreter(
    _ fixture: Fixture, schedule: PipelineSchedule, seed: UInt64 = 1
  ) async throws {
    var plan = fixture.plan
    plan.schedule = schedule
    #expect(plan.stages.count == 2 && plan.microbatches > 1)
    #expect(plan.stages.contains { $0.ops.contains { !$0.spec.splitAxes.isEmpty } })
    let run = try await expectMatchesInterpreter(plan, of: fixture.source, seed: seed)
    let instructions = run.programs.flatMap(\.instructions)
    #expect(instructions.contains { if case .send = $0 { true } else { false } })
    #expect(instructions.contains { if case .collective = $0 { true } else { false } })
  }

  /// Runs one iteration of `plan` of `source` on CPU devices and expects the loss and every
  /// updated parameter and optimizer state to match the interpreter's full-batch step within a
  /// relative error of 1e-4, and every buffer to be freed.
  ///
  /// - Parameter context: Said in every failure message.
  /// - Returns: The pipeline that ran.
  @discardableResult
  static func expectMatchesInterpreter(
    _ plan: Plan, of source: ModelSource, seed: UInt64 = 1, context: String = ""
  ) async throws -> PlanRun {
    let graph = try source.microbatchGraph(microbatches: plan.microbatches)
    let whole = try source.microbatchGraph(microbatches: 1)
    let inputs = HostTensor.initialInputs(for: whole, seed: seed)
    let expected = try Interpreter.run(whole, inputs: inputs)
    let run = try PlanRun(plan: plan, graph: graph)
    let backend = CPUBackend(devices: run.devices)
    let result = try await run.run(
      inputs: inputs, on: backend, options: ExecutionOptions(watchdogTimeoutSeconds: 30))
    try #require(result.outputs.count == expected.count)
    for (index, (got, want)) in zip(result.outputs, expected).enumerated() {
      let name = whole[whole.outputs[index].node].name
      try #require(got.shape == want.shape, "output \(index) '\(name)' \(context)")
      let scale = max(want.storage.map(abs).max() ?? 0, 1e-6)
      let error = zip(got.storage, want.storage).map { abs($0 - $1) }.max() ?? 0
      #expect(error / scale <= 1e-4, "output \(index) '\(name)': \(error / scale) \(context)")
    }
    for device in backend.devices { #expect(backend.liveBufferCount(on: device) == 0) }
    return run
  }
}
