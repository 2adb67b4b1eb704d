import ShardlineExplorer
import ShardlineHardware
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner

/// The plan the explorer's tests show: gpt-tiny at depth 6, batch 16, planned on one
/// p3.16xlarge host with stages restricted to 1×4 submeshes, so that it has two stages of
/// several layers each on four devices (real sharding choices, boundaries that can move).
/// Planned once per test run.
enum ExplorerFixture {
  /// The model and its plan.
  struct Fixture: Sendable {
    /// The model as planned.
    let source: ModelSource
    /// The plan, with its estimate.
    let plan: Plan
    /// A workspace for it, sharing one evaluator cache across tests.
    let workspace: PlanWorkspace
  }

  private static let result = Result<Fixture, any Error> {
    let preset = try ModelZoo.preset(named: "gpt-tiny").applying(
      ModelOverrides(layers: 6, batch: 16))
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model, training: preset.trainingOptions())
    let planner = Planner(options: PlannerOptions(microbatches: .count(4)), cacheDirectory: nil)
    let plan = try planner.plan(
      source, on: try ClusterSpec.parse("p3.16xlarge"),
      space: SearchSpace(submeshes: [SubmeshShape(hostCount: 1, devicesPerHost: 4)]))
    return Fixture(
      source: source, plan: plan, workspace: PlanWorkspace(source: source, planner: planner))
  }

  /// The fixture (planned on first use).
  static func fixture() throws -> Fixture { try result.get() }

  /// A fresh explorer state showing the fixture's plan, as if opened from `path`.
  static func state(path: String? = "/tmp/gpt-tiny-plan.json") throws -> ExplorerState {
    let fixture = try fixture()
    let document = PlanDocument(
      plan: fixture.plan, title: "gpt-tiny-plan.json", path: path, workspace: fixture.workspace)
    return ExplorerState(documents: [document])
  }
}
