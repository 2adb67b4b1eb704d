import Testing

@testable import ShardlineExplorer

@Suite("Run reducer")
struct RunReducerTests {
  @Test("x in the Run view starts a run of the active plan and asks the app for it")
  func start() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(key: .character("7"))
    #expect(state.page == .run)
    _ = state.reduce(key: .character("]"))
    #expect(state.runSteps == 30)
    _ = state.reduce(key: .character("["))
    _ = state.reduce(key: .character("["))
    #expect(state.runSteps == 10)
    let effects = state.reduce(key: .character("x"))
    let run = try #require(state.run)
    #expect(run.isRunning && run.steps == 10 && run.stepsDone == 0)
    #expect(run.estimatedStageSeconds.count == state.document.plan.stages.count)
    guard case .startRun(let id, let plan, _, let steps) = try #require(effects.first) else {
      Issue.record("expected .startRun, got \(effects)")
      return
    }
    #expect(id == run.id && steps == 10 && plan == state.document.plan)
    #expect(state.reduce(.startRun).isEmpty, "a second run waits for the first")
  }

  @Test("progress appends each step in order; the end records how it ended")
  func progressAndFinish() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.startRun)
    let id = try #require(state.run?.id)
    _ = state.reduce(
      .runProgressed(id: id, step: 1, loss: 5, seconds: 0.1, stageSeconds: [0.02, 0.03]))
    _ = state.reduce(
      .runProgressed(id: id, step: 1, loss: 9, seconds: 0.1, stageSeconds: [0.02, 0.03]))
    _ = state.reduce(
      .runProgressed(id: id, step: 2, loss: 4, seconds: 0.2, stageSeconds: [0.04, 0.05]))
    #expect(state.run?.losses == [5, 4])
    #expect(state.run?.stepSeconds == [0.1, 0.2])
    #expect(state.run?.stageSeconds == [0.04, 0.05])
    _ = state.reduce(.runFinished(id: id, error: nil))
    #expect(state.run?.phase == .finished)
    _ = state.reduce(.startRun)
    let second = try #require(state.run?.id)
    _ = state.reduce(.runFinished(id: second, error: "stage 0 cannot run: no mesh"))
    #expect(state.run?.phase == .failed("stage 0 cannot run: no mesh"))
    #expect(state.status?.isError == true)
  }

  @Test("Esc in the Run view cancels the run, and its late results are ignored")
  func cancel() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.startRun)
    let id = try #require(state.run?.id)
    let effects = state.reduce(key: .escape)
    guard case .cancelRun(id) = try #require(effects.first) else {
      Issue.record("expected .cancelRun(\(id)), got \(effects)")
      return
    }
    #expect(state.run?.phase == .cancelled)
    #expect(state.page == .run)
    _ = state.reduce(
      .runProgressed(id: id, step: 1, loss: 5, seconds: 0.1, stageSeconds: [0.02, 0.03]))
    _ = state.reduce(.runFinished(id: id, error: "late"))
    #expect(state.run?.losses == [])
    #expect(state.run?.phase == .cancelled)
    _ = state.reduce(key: .escape)
    #expect(state.page == .overview, "with no run in flight, Esc goes back")
  }

  @Test("edits, undo and re-solves are refused while a run is in flight")
  func editsRefused() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.startRun)
    let plan = state.document.plan
    for action: ExplorerAction in [
      .changeMicrobatches(1), .toggleSchedule, .moveBoundary(1), .undo, .resolve(.allStages),
    ] {
      state.status = nil
      #expect(state.reduce(action).isEmpty)
      #expect(state.status?.text.hasPrefix("a run is in flight") == true, "\(action)")
    }
    #expect(state.document.plan == plan && state.solve == nil)
    _ = state.reduce(.runFinished(id: try #require(state.run?.id), error: nil))
    _ = state.reduce(.toggleSchedule)
    #expect(state.document.plan != plan)
  }
}
