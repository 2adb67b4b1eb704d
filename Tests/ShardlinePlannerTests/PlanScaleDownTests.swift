import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner
import ShardlineSharding
import Testing

@Suite("Scaling a plan down")
struct PlanScaleDownTests {
  /// gpt-tiny at hidden 64, sequence 32 and batch 16, in 2 stages of one p3.16xlarge host with
  /// 2 microbatches, planned once per test run.
  private static let planned = Result<(source: ModelSource, plan: Plan), any Error> {
    try plan("gpt-tiny", ModelOverrides(hidden: 64, seq: 32, batch: 16))
  }

  /// `preset` with `overrides`, trained with SGD, planned in 2 stages of one p3.16xlarge host
  /// with 2 microbatches.
  private static func plan(_ preset: String, _ overrides: ModelOverrides) throws
    -> (source: ModelSource, plan: Plan)
  {
    let preset = try ModelZoo.preset(named: preset).applying(overrides)
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model,
      training: preset.trainingOptions(optimizer: .sgd(learningRate: 0.1)))
    let planner = Planner(options: PlannerOptions(microbatches: .count(2)), cacheDirectory: nil)
    let plan = try planner.plan(
      source, on: try ClusterSpec.parse("p3.16xlarge"), space: SearchSpace(stageCounts: 2...2))
    return (source, plan)
  }

  @Test("the stages, devices, meshes, shardings, microbatches and schedule are kept")
  func keepsDecisions() throws {
    let plan = try Self.planned.get().plan
    let scaled = try plan.scaledDown(by: 2)
    #expect(scaled.stages.map(\.devices) == plan.stages.map(\.devices))
    #expect(scaled.stages.map(\.logicalShape) == plan.stages.map(\.logicalShape))
    #expect(scaled.stages.map(\.ops) == plan.stages.map(\.ops))
    #expect(scaled.stages.map(\.layers) == plan.stages.map(\.layers))
    #expect(scaled.microbatches == plan.microbatches && scaled.schedule == plan.schedule)
    #expect(scaled.cluster == plan.cluster && scaled.layering == plan.layering)
    #expect(scaled.globalBatch == 8)
    #expect(
      scaled.model.config
        == .gpt(GPTConfig(hidden: 32, layers: 2, heads: 4, seq: 16, vocab: 32, batch: 8)))
  }

  @Test("the model record is the scaled graph's: same node count, its digest, fewer parameters")
  func rewritesModelRecord() throws {
    let plan = try Self.planned.get().plan
    let scaled = try plan.scaledDown(by: 2, batchBy: 1)
    let config = try #require(scaled.model.config)
    let source = ModelSource.zoo(
      name: scaled.model.name, config: config, training: scaled.model.training)
    let graph = try source.microbatchGraph(microbatches: scaled.microbatches)
    try scaled.check(against: graph)
    #expect(scaled.model.nodeCount == plan.model.nodeCount)
    #expect(scaled.model.graphDigest != plan.model.graphDigest)
    #expect(scaled.model.parameterCount == graph.parameterCount)
    #expect(scaled.model.parameterCount < plan.model.parameterCount)
    #expect(scaled.globalBatch == plan.globalBatch)
    #expect(scaled.estimate != nil)
    #expect(scaled.stages.allSatisfy { $0.searchEstimateSeconds == nil })
  }

  @Test("a factor that does not divide a size names it and lists the factors that fit")
  func indivisibleSize() throws {
    let plan = try Self.planned.get().plan
    let error = try #require(throws: PlanScaleDownError.self) { try plan.scaledDown(by: 3) }
    #expect(error.reason == "invalid GPT configuration: hidden size 64 is not divisible by 3")
    #expect(error.validFactors.contains(2))
    #expect(error.description.hasPrefix("cannot scale the plan down by 3: "))
  }

  @Test("a batch that no longer fills the microbatches is refused, naming them")
  func batchBelowMicrobatches() throws {
    let plan = try Self.planned.get().plan
    let error = try #require(throws: PlanScaleDownError.self) {
      try plan.scaledDown(by: 2, batchBy: 16)
    }
    #expect(
      error.reason == "batch 16 ÷ 16 = 1 does not split into the plan's 2 microbatches")
    #expect(error.validBatchFactors.contains(1))
    #expect(!error.validBatchFactors.contains(16))
  }

  @Test("an op whose sharding no longer divides its tensor is named with its stage and devices")
  func shardingNoLongerDivides() throws {
    var plan = try Self.planned.get().plan
    // Split the batch dimension of the first stage's first batch-shaped op over every device
    // of its mesh: 8 sequences per microbatch divide over them, 2 do not.
    let stage = plan.stages[0]
    let graph = try Self.planned.get().source.microbatchGraph(microbatches: plan.microbatches)
    let index = try #require(
      stage.ops.firstIndex { op in
        let shape = graph[op.node].type.shape
        return shape.count == 3 && shape[0] == 8 && op.spec.dims[0] == .replicated
          && op.spec.splitAxes.isEmpty
      })
    plan.stages[0].ops[index].spec.dims[0] = .both
    let devices = stage.logicalShape.rows * stage.logicalShape.columns
    #expect(devices > 2)
    let error = try #require(throws: PlanScaleDownError.self) {
      try plan.scaledDown(by: 2, batchBy: 4)
    }
    #expect(error.reason.hasPrefix("stage 0 splits dimension"))
    #expect(error.reason.hasSuffix("devices (S01R), which do not divide it") || devices != 8)
    #expect(!error.validBatchFactors.contains(4))
  }

  @Test("an MoE plan scales too: its experts and routing groups keep their node structure")
  func moePlan() throws {
    let plan = try Self.plan("moe-tiny", ModelOverrides(batch: 8)).plan
    let scaled = try plan.scaledDown(by: 2)
    let config = try #require(scaled.model.config)
    let graph = try ModelSource.zoo(
      name: scaled.model.name, config: config, training: scaled.model.training
    ).microbatchGraph(microbatches: scaled.microbatches)
    try scaled.check(against: graph)
    #expect(scaled.stages.map(\.ops) == plan.stages.map(\.ops))
    guard case .moe(let moe) = config else {
      Issue.record("expected an MoE model")
      return
    }
    #expect(moe.experts == 4 && moe.hidden == 16 && moe.batch == 4)
  }

  @Test("every factor reported as fitting scales the plan, and the others do not")
  func validFactorsAreExact() throws {
    let plan = try Self.planned.get().plan
    let error = try #require(throws: PlanScaleDownError.self) { try plan.scaledDown(by: 5) }
    for factor in [2, 4, 8, 16, 32, 64] {
      let fits = (try? plan.scaledDown(by: factor)) != nil
      #expect(fits == error.validFactors.contains(factor), "factor \(factor)")
    }
  }
}
