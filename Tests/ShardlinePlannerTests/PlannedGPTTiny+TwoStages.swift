import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner

/// gpt-tiny with 4 blocks planned in exactly 2 stages on one p3.16xlarge host with 2
/// microbatches, once per test run: a plan whose stages hold several identical blocks, for the
/// tests that move layers between stages.
enum PlannedTwoStageGPT {
  private static let result = Result<PlannedGPTTiny.Fixture, any Error> {
    let preset = try ModelZoo.preset(named: "gpt-tiny").applying(ModelOverrides(layers: 4))
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model, training: preset.trainingOptions())
    let planner = Planner(options: PlannerOptions(microbatches: .count(2)), cacheDirectory: nil)
    let plan = try planner.plan(
      source, on: try ClusterSpec.parse("p3.16xlarge"), space: SearchSpace(stageCounts: 2...2))
    let graph = try source.microbatchGraph(microbatches: plan.microbatches)
    return PlannedGPTTiny.Fixture(source: source, graph: graph, plan: plan)
  }

  /// The fixture (planned on first use).
  static func fixture() throws -> PlannedGPTTiny.Fixture { try result.get() }
}
