import Testing

@testable import ShardlineExplorer

@Suite("Run store")
@MainActor
struct RunStoreTests {
  @Test("a run of the fixture's plan goes through the CPU backend on a thread of its own")
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
    ExplorerStoreTests.drain(store) { !store.isSolving }
    #expect(!store.isSolving)
  }
}
