import ShardlineExplorer
import ShardlinePlan
import Testing

/// Saving and quitting as the reducer sees them: the effects it asks for and how it takes their
/// results (the store that performs them has its own tests).
@Suite("Explorer saving and quitting")
struct ExplorerFileTests {
  @Test("save asks to write the edited plan, with its estimate, to the document's path")
  func save() throws {
    var state = ExplorerReducerTests.reduced(try ExplorerFixture.state(), [.toggleSchedule])
    let effects = state.reduce(.save)
    guard case .save(let index, let revision, let plan, let path) = try #require(effects.first)
    else {
      Issue.record("expected a save effect, got \(effects)")
      return
    }
    #expect(index == 0 && path == "/tmp/gpt-tiny-plan.json")
    #expect(plan.schedule == .gpipe)
    #expect(plan.estimate == state.document.estimate)
    #expect(state.document.isDirty)
    _ = state.reduce(
      .saveFinished(document: index, revision: revision, path: path, plan: plan, error: nil))
    #expect(!state.document.isDirty)
    #expect(state.document.baseline == plan)
  }

  @Test("a plan never saved asks for a file name; save-as renames the tab")
  func saveAs() throws {
    var state = try ExplorerFixture.state(path: nil)
    #expect(state.reduce(.save).isEmpty)
    #expect(state.overlay == .input(TextInput(purpose: .saveAs, text: "gpt-tiny-plan.json")))
    for _ in 0..<"gpt-tiny-plan.json".count { _ = state.reduce(.inputBackspace) }
    for character in "/tmp/x/new.json" { _ = state.reduce(.inputCharacter(character)) }
    let effects = state.reduce(.submitInput)
    guard case .save(_, let revision, let plan, let path) = try #require(effects.first) else {
      Issue.record("expected a save effect")
      return
    }
    #expect(path == "/tmp/x/new.json")
    _ = state.reduce(
      .saveFinished(document: 0, revision: revision, path: path, plan: plan, error: nil))
    #expect(state.document.title == "new.json")
    #expect(state.document.path == "/tmp/x/new.json")
  }

  @Test("a failed write keeps the edits unsaved and says why")
  func failedSave() throws {
    var state = ExplorerReducerTests.reduced(try ExplorerFixture.state(), [.toggleSchedule])
    _ = state.reduce(
      .saveFinished(
        document: 0, revision: state.document.revision, path: "/nope/plan.json",
        plan: state.document.plan, error: "cannot write /nope/plan.json: no such directory"))
    #expect(state.document.isDirty)
    #expect(
      state.status
        == StatusMessage(
          "not saved: cannot write /nope/plan.json: no such directory", isError: true))
  }

  @Test("quitting with unsaved edits asks; n quits, Esc stays, y saves then quits")
  func quitPrompt() throws {
    var state = ExplorerReducerTests.reduced(try ExplorerFixture.state(), [.toggleSchedule, .quit])
    #expect(state.overlay == .confirmQuit)
    #expect(!state.hasQuit)
    #expect(KeyMap.action(for: .escape, in: state) == .back)
    _ = state.reduce(.back)
    #expect(state.overlay == nil && !state.hasQuit)
    _ = state.reduce(.quit)
    let effects = state.reduce(.quitSaving)
    guard case .save(_, let revision, let plan, let path) = try #require(effects.first) else {
      Issue.record("expected a save effect")
      return
    }
    #expect(!state.hasQuit)
    _ = state.reduce(
      .saveFinished(document: 0, revision: revision, path: path, plan: plan, error: nil))
    #expect(state.hasQuit)
    var discarding = ExplorerReducerTests.reduced(
      try ExplorerFixture.state(), [.toggleSchedule, .quit])
    _ = discarding.reduce(.quitDiscarding)
    #expect(discarding.hasQuit)
  }

  @Test("quitting with nothing unsaved quits at once")
  func quitClean() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.quit)
    #expect(state.hasQuit)
  }

  @Test("a re-solve's late result after a cancel is ignored; a current one is committed")
  func solveResults() throws {
    var state = try ExplorerFixture.state()
    let effects = state.reduce(.resolve(.selectedStage))
    guard
      case .startSolve(let id, let plan, _, let request, let stage) = try #require(effects.first)
    else {
      Issue.record("expected a solve effect")
      return
    }
    #expect(request == .selectedStage && stage == 0)
    #expect(state.solve?.id == id)
    #expect(KeyMap.action(for: .escape, in: state) == .cancelSolve)
    _ = state.reduce(.cancelSolve)
    var edited = plan
    edited.schedule = .gpipe
    _ = state.reduce(.solveFinished(id: id, plan: edited, error: nil))
    #expect(state.document.plan.schedule == .oneFOneB)
    let second = state.reduce(.resolve(.selectedStage))
    guard case .startSolve(let next, _, _, _, _) = try #require(second.first) else { return }
    _ = state.reduce(.solveProgressed(id: next, line: "solving layer 3", elapsedSeconds: 1.5))
    #expect(state.solve?.progress == "solving layer 3")
    _ = state.reduce(.solveFinished(id: next, plan: edited, error: nil))
    #expect(state.solve == nil)
    #expect(state.document.plan.schedule == .gpipe)
    #expect(state.document.undoStack.count == 1)
  }
}

/// Baselines planned from the compare view open as plans of their own.
@Suite("Explorer baselines")
struct ExplorerBaselineTests {
  @Test("m in the compare view plans Megatron-LM's baseline and compares with it once done")
  func baselineOpensAsPlan() throws {
    var state = ExplorerReducerTests.reduced(try ExplorerFixture.state(), [.show(.compare)])
    #expect(KeyMap.action(for: .character("m"), in: state) == .resolve(.baseline(.megatron)))
    let effects = state.reduce(.resolve(.baseline(.megatron)))
    guard case .startSolve(let id, let plan, _, let request, _) = try #require(effects.first)
    else {
      Issue.record("expected a solve effect")
      return
    }
    #expect(request == .baseline(.megatron))
    #expect(state.solve?.title == "planning the megatron baseline")
    var baseline = plan
    baseline.search.method = "megatron"
    baseline.microbatches = 2
    _ = state.reduce(.solveFinished(id: id, plan: baseline, error: nil))
    #expect(state.documents.count == 2)
    #expect(state.active == 0)
    #expect(state.comparison == .document(1))
    #expect(state.documents[1].title == "megatron baseline")
    #expect(state.documents[1].plan.microbatches == 2)
    #expect(state.documents[0].undoStack.isEmpty)
    let screen = ExplorerScreen.render(state, width: 100, height: 30)
    #expect(screen.find("megatron baseline") != nil)
  }
}
