import ShardlineInterpreter
import ShardlinePlan
import ShardlineRuntime
import Testing

@Suite("Pipelined plan runs: measured timelines")
struct PlanRunTimelineTests {
  /// The measured timeline of one iteration of gpt-tiny's 2-stage plan under `schedule`.
  private static func timeline(_ schedule: PipelineSchedule) async throws -> PipelineTimeline {
    let fixture = try PipelineFixtures.gptTiny.get()
    var plan = fixture.plan
    plan.schedule = schedule
    let graph = try fixture.source.microbatchGraph(microbatches: plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let run = try PlanRun(plan: plan, graph: graph)
    let result = try await run.run(
      inputs: HostTensor.initialInputs(for: whole, seed: 1),
      on: CPUBackend(devices: plan.stages.flatMap(\.devices)))
    return result.timeline
  }

  /// Stage `stage`'s tasks' labels in time order: `F0`, `B0`, …, `update`.
  private static func labels(_ timeline: PipelineTimeline, stage: Int) -> [String] {
    timeline.tasks.filter { $0.stage == stage }.map(\.label)
  }

  @Test(
    "each stage measures a forward and a backward per microbatch and an update, in order",
    arguments: [PipelineSchedule.gpipe, .oneFOneB])
  func tasksFollowTheSchedule(schedule: PipelineSchedule) async throws {
    let timeline = try await Self.timeline(schedule)
    #expect(timeline.stageCount == 2)
    #expect(timeline.schedule == schedule)
    let orders = PipelineSimulator.computeOrders(
      schedule: schedule, stageCount: timeline.stageCount, microbatches: timeline.microbatches,
      virtualStages: 1)
    for stage in 0..<timeline.stageCount {
      let expected = orders[stage].filter(\.kind.isCompute).map { step in
        switch step.kind {
        case .forward: "F\(step.microbatch)"
        case .backward: "B\(step.microbatch)"
        case .update, .sendForward, .sendBackward: "update"
        }
      }
      #expect(Self.labels(timeline, stage: stage) == expected)
      #expect(expected.count == 2 * timeline.microbatches + 1)
      let tasks = timeline.tasks.filter { $0.stage == stage }
      for (task, next) in zip(tasks, tasks.dropFirst()) {
        #expect(task.endSeconds <= next.startSeconds)
      }
      for task in tasks {
        #expect(0 <= task.startSeconds && task.startSeconds <= task.endSeconds)
        #expect(task.endSeconds <= timeline.iterationSeconds)
      }
    }
    #expect(timeline.busySeconds.count == 2)
    #expect((0...1).contains(timeline.bubbleFraction))
  }

  @Test("GPipe and 1F1B measure their tasks in different orders")
  func schedulesDiffer() async throws {
    let gpipe = try await Self.timeline(.gpipe)
    let oneFOneB = try await Self.timeline(.oneFOneB)
    #expect(Self.labels(gpipe, stage: 0) != Self.labels(oneFOneB, stage: 0))
    #expect(gpipe.peakInFlightMicrobatches[0] == gpipe.microbatches)
    #expect(oneFOneB.peakInFlightMicrobatches[0] == 2)
  }
}
