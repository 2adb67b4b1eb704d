import ShardlineIR
import ShardlinePlan
import ShardlineRuntime
import Testing

@Suite("Run footprints")
struct RunFootprintTests {
  @Test("the footprint adds device peaks, host copies, programs and BLAS buffers")
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
    #expect(footprint.blasBufferBytes == 8 * 64 * 1_048_576)
    #expect(footprint.programBytes > 0)
    #expect(
      footprint.totalBytes
        == footprint.tensorBytes + footprint.hostBytes + footprint.programBytes
        + footprint.blasBufferBytes)
    #expect(footprint.description.hasPrefix("about "))
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
