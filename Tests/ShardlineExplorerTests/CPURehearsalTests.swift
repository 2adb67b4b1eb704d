import ShardlinePlan
import ShardlineRuntime
import Testing

@testable import ShardlineExplorer

@Suite("CPU rehearsals")
struct CPURehearsalTests {
  /// The fixture plan's footprint at full size.
  private func fullFootprint() throws -> RunFootprint {
    let fixture = try ExplorerFixture.fixture()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    return RunFootprint(
      plan: fixture.plan, estimate: try PlanEvaluator(graph: graph).evaluate(fixture.plan),
      wholeGraph: try fixture.source.microbatchGraph(microbatches: 1))
  }

  @Test("a plan that fits runs itself; one that does not, at the smallest scale that fits")
  func smallestScale() throws {
    let fixture = try ExplorerFixture.fixture()
    let full = try fullFootprint()
    let itself = try CPURehearsal(
      plan: fixture.plan, source: fixture.source, availableBytes: full.totalBytes)
    #expect(itself.scale == nil && itself.note == nil && itself.plan == fixture.plan)
    let rehearsal = try CPURehearsal(
      plan: fixture.plan, source: fixture.source, availableBytes: full.totalBytes - 1)
    let scale = try #require(rehearsal.scale)
    #expect(scale.factor == 2 && scale.batchFactor == 1)
    #expect(rehearsal.plan.stages.map(\.devices) == fixture.plan.stages.map(\.devices))
    #expect(rehearsal.plan.microbatches == fixture.plan.microbatches)
    let note = try #require(rehearsal.note)
    #expect(note.hasPrefix("rehearsal at 1/2 size to fit this machine: GPT hidden 16"), "\(note)")
  }

  @Test("asked again after a refused scale, the next one in order is tried")
  func afterRefusal() throws {
    let fixture = try ExplorerFixture.fixture()
    let full = try fullFootprint()
    let next = try CPURehearsal(
      plan: fixture.plan, source: fixture.source, availableBytes: full.totalBytes,
      after: (factor: 2, batchFactor: 1))
    let scale = try #require(next.scale, "a refused full-size plan is not offered again")
    #expect(scale.factor == 2 && scale.batchFactor == 2)
  }

  @Test("when nothing fits, the full-size plan's memory is the error")
  func nothingFits() throws {
    let fixture = try ExplorerFixture.fixture()
    let error = #expect(throws: PlanRunError.self) {
      try CPURehearsal(plan: fixture.plan, source: fixture.source, availableBytes: 1)
    }
    guard case .hostMemory(let footprint, _) = error else {
      Issue.record("expected a host memory error, got \(String(describing: error))")
      return
    }
    let full = try fullFootprint()
    #expect(
      abs(footprint.totalBytes - full.totalBytes) <= 1e-9 * full.totalBytes,
      "\(footprint) vs \(full)")
  }

  @Test("the Run view says when it runs a rehearsal instead of the plan")
  func viewSaysRehearsal() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.startRun)
    let id = try #require(state.run?.id)
    _ = state.reduce(.runRehearsing(id: id + 1, note: "rehearsal at 1/8 size (stale run)"))
    #expect(state.run?.rehearsal == nil)
    _ = state.reduce(.runRehearsing(id: id, note: "rehearsal at 1/2 size to fit this machine"))
    let screen = ExplorerScreen.render(state, width: 80, height: 24)
    #expect(screen.find("rehearsal at 1/2 size to fit this machine") != nil)
  }
}
