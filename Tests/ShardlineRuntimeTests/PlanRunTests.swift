import ShardlineIR
import ShardlineInterpreter
import ShardlinePlan
import ShardlineRuntime
import Testing

@Suite("Pipelined plan runs")
struct PlanRunTests {
  @Test(
    "a 2-stage gpt-tiny plan's iteration matches the full-batch training step",
    arguments: [PipelineSchedule.gpipe, .oneFOneB])
  func gptTiny(schedule: PipelineSchedule) async throws {
    try await PipelineFixtures.expectMatchesInterpreter(
      PipelineFixtures.gptTiny.get(), schedule: schedule)
  }

  @Test(
    "a 2-stage mlp-tiny plan's iteration matches the full-batch training step",
    arguments: [PipelineSchedule.gpipe, .oneFOneB])
  func mlpTiny(schedule: PipelineSchedule) async throws {
    try await PipelineFixtures.expectMatchesInterpreter(
      PipelineFixtures.mlpTiny.get(), schedule: schedule)
  }
}

extension PlanRunTests {
  @Test("GPipe and 1F1B order the stages' tasks differently")
  func schedulesDiffer() throws {
    let fixture = try PipelineFixtures.gptTiny.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    var programs: [[DeviceProgram]] = []
    for schedule in [PipelineSchedule.gpipe, .oneFOneB] {
      var plan = fixture.plan
      plan.schedule = schedule
      programs.append(try PlanRun(plan: plan, graph: graph).programs)
    }
    #expect(programs[0] != programs[1])
    #expect(programs[0].map(\.device) == programs[1].map(\.device))
  }

  @Test("a failing device stops the iteration with an error naming it")
  func failingDevice() async throws {
    let fixture = try PipelineFixtures.mlpTiny.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let run = try PlanRun(plan: fixture.plan, graph: graph)
    let devices = fixture.plan.stages.flatMap(\.devices)
    let failing = devices[devices.count - 1]
    let backend = CPUBackend(devices: devices, injectedFailures: [failing: 3])
    do {
      _ = try await run.run(
        inputs: HostTensor.initialInputs(for: whole, seed: 1), on: backend,
        options: ExecutionOptions(watchdogTimeoutSeconds: 5))
      Issue.record("the run succeeded")
    } catch let error as RuntimeError {
      #expect(error.underlying == .deviceFailed(failing, reason: "failure injected at call 3"))
    }
  }
}

@Suite("Pipelined plan runs: refusals")
struct PlanRunRefusalTests {
  @Test("a plan is refused for a graph it was not made for")
  func otherGraph() throws {
    let fixture = try PipelineFixtures.mlpTiny.get()
    let graph = try fixture.source.microbatchGraph(microbatches: 1)
    #expect(throws: PlanRunError.self) { try PlanRun(plan: fixture.plan, graph: graph) }
  }

  @Test("inputs of the microbatch's shape instead of the whole batch's are refused")
  func microbatchInputs() async throws {
    let fixture = try PipelineFixtures.mlpTiny.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    let run = try PlanRun(plan: fixture.plan, graph: graph)
    let backend = CPUBackend(devices: fixture.plan.stages.flatMap(\.devices))
    await #expect(throws: PlanRunError.self) {
      try await run.run(inputs: HostTensor.initialInputs(for: graph, seed: 1), on: backend)
    }
  }
}
