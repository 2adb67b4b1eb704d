import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner
import ShardlineRuntime
import ShardlineSharding
import Testing

@Suite("Pipelined plan runs: interleaved 1F1B")
struct InterleavedPlanRunTests {
  /// gpt-tiny at depth 4 planned in 4 stages of 1×2 on 8 devices, 4 microbatches, then folded
  /// onto 4 devices: stages 2 and 3 become the second model chunks of the device groups of
  /// stages 0 and 1.
  static let folded = Result<PipelineFixtures.Fixture, any Error> {
    let preset = try ModelZoo.preset(named: "gpt-tiny").applying(
      ModelOverrides(layers: 4, batch: 8))
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model,
      training: preset.trainingOptions(optimizer: .sgd(learningRate: 0.1)))
    let planner = Planner(
      options: PlannerOptions(microbatches: .count(4)), cacheDirectory: nil)
    var plan = try planner.plan(
      source, on: try ClusterSpec.parse("p3.16xlarge"),
      space: SearchSpace(
        submeshes: [SubmeshShape(hostCount: 1, devicesPerHost: 2)], stageCounts: 4...4))
    plan.stages[2].devices = plan.stages[0].devices
    plan.stages[3].devices = plan.stages[1].devices
    plan.schedule = .interleavedOneFOneB
    return PipelineFixtures.Fixture(source: source, plan: plan)
  }

  @Test("two device groups of two chunks each match the full-batch training step")
  func matchesReference() async throws {
    let fixture = try Self.folded.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    try #require(try PlanEvaluator(graph: graph).evaluate(fixture.plan).isValid)
    #expect(fixture.plan.virtualStages == 2)
    let run = try await PipelineFixtures.expectMatchesInterpreter(fixture.plan, of: fixture.source)
    #expect(run.programs.count == 4)
  }

  @Test("the measured timeline puts each chunk's tasks on its device group, never overlapping")
  func timeline() async throws {
    let fixture = try Self.folded.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let run = try PlanRun(plan: fixture.plan, graph: graph)
    let result = try await run.run(
      inputs: HostTensor.initialInputs(for: whole, seed: 2),
      on: CPUBackend(devices: run.devices))
    let timeline = result.timeline
    #expect(timeline.virtualStages == 2 && timeline.deviceGroupCount == 2)
    #expect(timeline.tasks.count == 4 * (2 * 4 + 1))
    for task in timeline.tasks { #expect(task.deviceGroup == task.stage % 2) }
    for group in 0..<2 {
      let spans = timeline.tasks.filter { $0.deviceGroup == group }
        .sorted { $0.startSeconds < $1.startSeconds }
      for (earlier, later) in zip(spans, spans.dropFirst()) {
        #expect(earlier.endSeconds <= later.startSeconds)
      }
    }
    #expect(result.stageBusySeconds.count == 4 && result.stageBusySeconds.allSatisfy { $0 > 0 })
  }

  @Test("chunks on devices that are not their group's are refused, naming the stage")
  func misplacedChunk() throws {
    let fixture = try Self.folded.get()
    var plan = fixture.plan
    plan.stages[3].devices = plan.stages[0].devices
    plan.stages[2].devices = plan.stages[1].devices
    let graph = try fixture.source.microbatchGraph(microbatches: plan.microbatches)
    let error = #expect(throws: PlanRunError.self) { try PlanRun(plan: plan, graph: graph) }
    #expect(
      error?.description.contains("stage 2 shares devices") == true, "\(String(describing: error))")
  }
}
