import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner

/// gpt-tiny planned on one p3.16xlarge host with 2 microbatches and no profile cache, once per
/// test run, with the per-microbatch graph its node ids refer to: the plan that the round-trip,
/// checking and hand-editing tests start from.
enum PlannedGPTTiny {
  /// The plan and what it was made from.
  struct Fixture: Sendable {
    /// The model as planned.
    let source: ModelSource
    /// The per-microbatch training graph.
    let graph: Graph
    /// The plan, with its estimate.
    let plan: Plan
  }

  private static let result = Result<Fixture, any Error> {
    let preset = try ModelZoo.preset(named: "gpt-tiny")
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model, training: preset.trainingOptions())
    let planner = Planner(options: PlannerOptions(microbatches: .count(2)), cacheDirectory: nil)
    let plan = try planner.plan(source, on: try ClusterSpec.parse("p3.16xlarge"))
    let graph = try source.microbatchGraph(microbatches: plan.microbatches)
    return Fixture(source: source, graph: graph, plan: plan)
  }

  /// The fixture (planned on first use).
  static func fixture() throws -> Fixture { try result.get() }

  /// The model at another size, its per-microbatch graph split as the plan's is.
  static func graph(overriding overrides: ModelOverrides) throws -> Graph {
    let preset = try ModelZoo.preset(named: "gpt-tiny").applying(overrides)
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model, training: preset.trainingOptions())
    return try source.microbatchGraph(microbatches: 2)
  }
}

extension PlannedGPTTiny.Fixture {
  /// A fresh evaluator of the fixture's graph (edits read its layer partition and slices).
  var evaluator: PlanEvaluator { PlanEvaluator(graph: graph) }
}
