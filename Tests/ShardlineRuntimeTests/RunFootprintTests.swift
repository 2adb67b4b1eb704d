import ShardlineIR
import ShardlinePlan
import ShardlineRuntime
import Testing

@Suite("Run footprints")
struct RunFootprintTests {
  @Test("the estimate adds device peaks, host copies and programs")
  func parts() throws {
    let fixture = try PipelineFixtures.gptTiny.get()
    let plan = fixture.plan
    let graph = try fixture.source.microbatchGraph(microbatches: plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let estimate = try PlanEvaluator(graph: graph).evaluate(plan)
    let footprint = RunFootprint(plan: plan, estimate: estimate, wholeGraph: whole)
    let peaks = zip(plan.stages, estimate.stages).reduce(0.0) {
      $0 + $1.1.peakBytes * Double($1.0.devices.count)
    }
    #expect(footprint.tensorBytes == peaks, "f32 elements are not widened")
    let elements = whole.inputs.reduce(0) { $0 + whole[$1.node].type.elementCount }
    #expect(footprint.hostBytes == Double(8 * elements))
    #expect(footprint.programBytes > 0)
    #expect(
      footprint.totalBytes == footprint.tensorBytes + footprint.hostBytes + footprint.programBytes)
    #expect(footprint.description.hasPrefix("about "))
  }

  @Test("the count from the programs follows their buffers as instructions create and free them")
  func counted() throws {
    let fixture = try PipelineFixtures.gptTiny.get()
    let plan = fixture.plan
    let graph = try fixture.source.microbatchGraph(microbatches: plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let run = try PlanRun(plan: plan, graph: graph)
    let footprint = RunFootprint(pipeline: run, wholeGraph: whole)
    let instructions = run.programs.reduce(0) { $0 + $1.instructions.count }
    #expect(footprint.programBytes == Double(instructions) * 320)
    // At least every device's parameter shards are alive at once; at most every buffer ever
    // made.
    let uploads = run.programs.flatMap(\.instructions).filter {
      if case .upload = $0 { true } else { false }
    }.count
    #expect(footprint.tensorBytes > 0 && uploads > 0)
    let everything = run.programs.flatMap(\.instructions).reduce(0.0) { total, instruction in
      if case .run(let node, _, _) = instruction {
        return total + Double(node.type.elementCount) * 4
      }
      return total
    }
    #expect(footprint.tensorBytes < everything)
  }

  @Test("a session whose step would not fit is refused before anything is allocated")
  func refusal() throws {
    let fixture = try PipelineFixtures.gptTiny.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let error = #expect(throws: PlanRunError.self) {
      try TrainingSession(
        plan: fixture.plan, graph: graph, wholeGraph: whole, seed: 1, availableBytes: 1_048_576)
    }
    guard case .hostMemory(_, let available) = error else {
      Issue.record("expected a host memory refusal, got \(String(describing: error))")
      return
    }
    #expect(available == 1_048_576)
    #expect(error?.description.contains("rehearse it scaled down") == true)
  }
}
