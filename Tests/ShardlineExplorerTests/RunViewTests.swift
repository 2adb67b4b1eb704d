import Testing

@testable import ShardlineExplorer

@Suite("Run view")
struct RunViewTests {
  /// The fixture's state in the Run view after `steps` of a 20-step run, with made-up
  /// measurements (losses falling from 5.5, 40 ms steps, 12 and 15 ms per stage).
  private func state(steps: Int, phase: RunStatus.Phase = .running) throws -> ExplorerState {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.startRun)
    let id = try #require(state.run?.id)
    for step in 1...steps {
      _ = state.reduce(
        .runProgressed(
          id: id, step: step, loss: 5.5 - Float(step) * 0.1 + (step % 3 == 0 ? 0.15 : 0),
          seconds: 0.04, stageSeconds: [0.012, 0.015]))
    }
    state.run?.phase = phase
    return state
  }

  @Test("the sparkline scales losses from ▁ (lowest) to █ (highest), keeping the last ones")
  func sparkline() {
    #expect(RunPresentation.sparkline([3, 2, 1], width: 10) == "█▅▁")
    #expect(RunPresentation.sparkline([3, 2, 1, 0], width: 2) == "█▁")
    #expect(RunPresentation.sparkline([2, 2], width: 5) == "▄▄")
    #expect(RunPresentation.sparkline([1, .nan, 0], width: 5) == "█!▁")
    #expect(RunPresentation.sparkline([], width: 5) == "")
  }

  @Test(
    "a run in progress shows its bar, loss sparkline, step time and stage rows",
    arguments: [(80, 24), (160, 48)])
  func running(size: (Int, Int)) throws {
    let state = try state(steps: 12)
    let screen = ExplorerScreen.render(state, width: size.0, height: size.1)
    #expect(screen.find("12/20 steps") != nil)
    let sparkline = RunPresentation.sparkline(try #require(state.run?.losses), width: 200)
    #expect(screen.find(sparkline) != nil)
    #expect(screen.find("first 5.4000 · last 4.4500 · min 4.4000") != nil)
    #expect(screen.find("estimate (p3.16xlarge)") != nil)
    #expect(screen.find("12.00 ms") != nil && screen.find("15.00 ms") != nil)
    #expect(screen.line(size.1 - 1).hasPrefix(" Esc cancel run"))
    assertSnapshot(screen, named: "run-\(size.0)x\(size.1)")
  }

  @Test("a failed run says why in the error style", arguments: [(80, 24), (160, 48)])
  func failed(size: (Int, Int)) throws {
    let message = "stage 1: 'softmax' (custom_call) cannot be lowered: unsupported op"
    let state = try state(steps: 1, phase: .failed(message))
    let screen = ExplorerScreen.render(state, width: size.0, height: size.1)
    let found = try #require(screen.find("stage 1: 'softmax'"))
    #expect(screen[found.column, found.row].style == Theme(monochrome: false).error)
    #expect(screen.find("failed") != nil)
    assertSnapshot(screen, named: "run-failed-\(size.0)x\(size.1)")
  }

  @Test("before any run, the view says how to start one")
  func empty() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.show(.run))
    let screen = ExplorerScreen.render(state, width: 80, height: 24)
    #expect(screen.find("No run yet.") != nil)
    #expect(screen.find("x runs 20 training steps") != nil)
  }
}
