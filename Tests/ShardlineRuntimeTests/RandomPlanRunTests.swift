import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlineRuntime
import Testing

/// The runtime's property: any valid plan computes the model's training step. Random plans of
/// tiny models (see ``RandomPlan``) run one iteration on CPU devices and must give the loss and
/// updated tensors of the reference interpreter's single-device step.
@Suite("Random plans run like the reference")
struct RandomPlanRunTests {
  /// The models, each with its optimizer and most microbatches: SGD for the transformers (see
  /// ``PipelineFixtures/gptTiny`` on Adam and rounding noise), one microbatch for Wide-ResNet,
  /// whose batch norm normalizes each microbatch by its own statistics, unlike the full-batch
  /// reference.
  static let models:
    [(preset: String, overrides: ModelOverrides, optimizer: Optimizer, microbatches: Int)] = [
      ("gpt-tiny", ModelOverrides(layers: 3, batch: 8), .sgd(learningRate: 0.1), 4),
      ("moe-tiny", ModelOverrides(batch: 8), .sgd(learningRate: 0.1), 4),
      ("wresnet-tiny", ModelOverrides(batch: 8, imageSize: 8), .sgd(learningRate: 0.1), 1),
      ("mlp-tiny", ModelOverrides(), .adam(learningRate: 1e-3), 4),
    ]
  static let seeds: [UInt64] = [1, 2, 3, 4]

  /// Every random plan, drawn once per test run.
  static let plans = Result<[RandomPlan], any Error> {
    try models.flatMap { model in
      try seeds.map { seed in
        try RandomPlan(
          model.preset, overrides: model.overrides, optimizer: model.optimizer,
          maximumMicrobatches: model.microbatches, seed: seed)
      }
    }
  }

  @Test("each random plan's iteration matches the single-device step", arguments: 0..<16)
  func matchesReference(index: Int) async throws {
    let random = try Self.plans.get()[index]
    try await PipelineFixtures.expectMatchesInterpreter(
      random.plan, of: random.source, seed: UInt64(index + 1), context: "(\(random))")
  }

  @Test("the random plans exercise every collective, tiled transfers and both schedules")
  func coverage() throws {
    var collectives: Set<String> = []
    var schedules: Set<PipelineSchedule> = []
    var stageCounts: Set<Int> = []
    var sends = 0
    var tiles: Set<String> = []
    var pins = 0
    for random in try Self.plans.get() {
      let graph = try random.source.microbatchGraph(microbatches: random.plan.microbatches)
      for program in try PlanRun(plan: random.plan, graph: graph).programs {
        for instruction in program.instructions {
          switch instruction {
          case .collective(let operation, _, _, _): collectives.insert("\(operation.kind)")
          case .send: sends += 1
          case .run(let node, _, _)
          where node.name.hasSuffix("_tile") || node.name.hasSuffix("_tiles"):
            tiles.insert(String(node.name.split(separator: "/").last!))
          default: break
          }
        }
      }
      schedules.insert(random.plan.schedule)
      stageCounts.insert(random.plan.stages.count)
      pins += random.plan.stages.flatMap(\.ops).filter(\.pinned).count
    }
    #expect(collectives == ["allReduce", "allGather", "reduceScatter", "allToAll"])
    #expect(schedules == [.gpipe, .oneFOneB])
    #expect(stageCounts.count >= 2 && sends > 0 && pins > 0)
    #expect(tiles == ["send_tile", "receive_tiles"], "pieces cut from shards and joined again")
  }
}
