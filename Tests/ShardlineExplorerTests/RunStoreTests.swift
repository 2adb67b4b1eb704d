import Testing

@testable import ShardlineExplorer

@Suite("Run store")
@MainActor
struct RunStoreTests {
  @Test("a run of the plan goes through the CPU backend on its own thread, keeping its timeline")
  func twoRealSteps() throws {
    var state = try ExplorerFixture.state()
    state.runSteps = 2
    let store = ExplorerStore(state: state, solver: ExplorerStoreTests.noSolver)
    store.send(.startRun)
    #expect(store.isSolving)
    ExplorerStoreTests.drain(store) { store.state.run?.isRunning == false }
    let run = try #require(store.state.run)
    #expect(run.phase == .finished, "\(run.phase)")
    #expect(run.losses.count == 2)
    #expect(run.losses.allSatisfy { $0.isFinite })
    #expect(run.stepSeconds.allSatisfy { $0 > 0 })
    #expect(run.stageSeconds.count == store.state.document.plan.stages.count)
    let timeline = try #require(run.timeline, "the last step's measured timeline")
    #expect(timeline.stageCount == store.state.document.plan.stages.count)
    #expect(timeline.tasks.contains { $0.kind == .update })
    ExplorerStoreTests.drain(store) { !store.isSolving }
    #expect(!store.isSolving)
  }
}
