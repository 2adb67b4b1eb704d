import Foundation
import ShardlineExplorer
import ShardlinePlan
import ShardlinePlanner
import Synchronization
import Testing

/// The store and the loop: keys through ``ExplorerApp/run(store:terminal:idleTickLimit:)``,
/// saving, and background re-solves through the mailbox.
@Suite("explorer store")
@MainActor
struct ExplorerStoreTests {
  /// A scratch directory of its own for each use.
  static func scratch() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// A solver for tests that never re-solve.
  struct NoSolver: Error {}
  static let noSolver: ExplorerStore.Solver = { _, _, _ in throw NoSolver() }

  /// Holds a fake solver until the test lets it go, and records what it saw.
  final class Gate: Sendable {
    private let opened = Atomic<Bool>(false)
    private let sawCancellation = Atomic<Bool>(false)

    func open() { opened.store(true, ordering: .releasing) }
    var isOpen: Bool { opened.load(ordering: .acquiring) }
    func noteCancelled() { sawCancellation.store(true, ordering: .releasing) }
    var wasCancelled: Bool { sawCancellation.load(ordering: .acquiring) }

    /// Waits (at most 60 s) until opened.
    func wait() {
      let deadline = Date().addingTimeInterval(60)
      while !isOpen && Date() < deadline { usleep(1000) }
    }
  }

  /// A solver that reports progress, waits for `gate`, then returns the plan it was given.
  static func fakeSolver(_ gate: Gate) -> ExplorerStore.Solver {
    { job, isCancelled, progress in
      progress("pricing 3/10 candidates", 0.5)
      gate.wait()
      if isCancelled() { gate.noteCancelled() }
      return job.plan
    }
  }

  /// Drains the mailbox on the main thread until `condition` holds (at most 60 s). It polls
  /// rather than awaiting: with the whole suite running, other tests' blocking work can starve
  /// a suspended task for seconds.
  static func drain(_ store: ExplorerStore, until condition: () -> Bool) {
    let deadline = Date().addingTimeInterval(60)
    while !condition() && Date() < deadline {
      store.drainMailbox()
      usleep(2000)
    }
  }

  @Test("scripted keys move through the views and q quits")
  func scriptedKeys() throws {
    let store = ExplorerStore(state: try ExplorerFixture.state(), solver: Self.noSolver)
    let terminal = MemoryTerminal(
      width: 100, height: 30,
      keys: [.down, .character("3"), .escape, .character("?"), .escape, .character("q")])
    ExplorerApp.run(store: store, terminal: terminal, idleTickLimit: 50)
    #expect(store.state.hasQuit)
    #expect(store.state.page == .overview)
    #expect(store.state.selectedStage == 1)
    #expect(store.state.overlay == nil)
    #expect(terminal.frameCount == 6)
    let frame = try #require(terminal.lastFrame)
    #expect(frame.width == 100 && frame.height == 30)
    #expect(frame.find("Overview") != nil, "\(frame.lines.joined(separator: "\n"))")
  }

  @Test("a terminal without colours gets a monochrome frame")
  func monochrome() throws {
    let store = ExplorerStore(state: try ExplorerFixture.state(), solver: Self.noSolver)
    let terminal = MemoryTerminal(
      width: 100, height: 30, supportsColor: false, keys: [.character("q")])
    ExplorerApp.run(store: store, terminal: terminal, idleTickLimit: 50)
    #expect(store.state.monochrome)
    let frame = try #require(terminal.lastFrame)
    #expect(frame.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil })
  }

  @Test("q quits a terminal smaller than 80×24, even from the help")
  func smallTerminalQuits() throws {
    let store = ExplorerStore(state: try ExplorerFixture.state(), solver: Self.noSolver)
    let terminal = MemoryTerminal(width: 60, height: 20, keys: [.character("?"), .character("q")])
    ExplorerApp.run(store: store, terminal: terminal, idleTickLimit: 50)
    #expect(store.state.hasQuit)
    #expect(terminal.lastFrame?.find("Terminal too small") != nil)
  }

  @Test("with unsaved edits a second q quits a terminal too small to ask")
  func smallTerminalQuitsWithEdits() throws {
    let store = ExplorerStore(state: try ExplorerFixture.state(), solver: Self.noSolver)
    store.send(.toggleSchedule)
    #expect(store.state.document.isDirty)
    let terminal = MemoryTerminal(width: 60, height: 20, keys: [.character("q")])
    ExplorerApp.run(store: store, terminal: terminal, idleTickLimit: 50)
    #expect(!store.state.hasQuit)
    #expect(store.state.overlay == .confirmQuit)
    terminal.pendingKeys = [.character("q")]
    ExplorerApp.run(store: store, terminal: terminal, idleTickLimit: 50)
    #expect(store.state.hasQuit)
  }

  @Test("a resize redraws at the new size")
  func resize() throws {
    let store = ExplorerStore(state: try ExplorerFixture.state(), solver: Self.noSolver)
    let terminal = MemoryTerminal(width: 100, height: 30, keys: [.resize])
    terminal.size = (120, 40)
    ExplorerApp.run(store: store, terminal: terminal, idleTickLimit: 5)
    #expect(terminal.lastFrame?.width == 120 && terminal.lastFrame?.height == 40)
    #expect(!store.state.hasQuit)
  }

  @Test("save writes the plan atomically and it reads back")
  func saveRoundTrips() throws {
    let directory = try Self.scratch()
    let path = directory.appendingPathComponent("plan.json").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: path))
    let store = ExplorerStore(state: try ExplorerFixture.state(path: path), solver: Self.noSolver)
    store.send(.toggleSchedule)
    #expect(store.state.document.isDirty)
    store.send(.save)
    #expect(!store.state.document.isDirty)
    #expect(store.state.status == StatusMessage("saved \(path)"))
    let saved = try Plan(jsonData: Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(saved == store.state.document.planForSaving)
    let original = try ExplorerFixture.fixture().plan
    #expect(saved.schedule != original.schedule)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(files == ["plan.json"])
  }

  @Test("saving into a missing directory says so in one line and keeps the edits unsaved")
  func saveToMissingDirectory() throws {
    let directory = try Self.scratch().appendingPathComponent("missing")
    let path = directory.appendingPathComponent("plan.json").path
    let store = ExplorerStore(state: try ExplorerFixture.state(path: path), solver: Self.noSolver)
    store.send(.toggleSchedule)
    store.send(.save)
    let status = try #require(store.state.status)
    #expect(status.isError)
    #expect(
      status.text == "not saved: cannot write \(path): no such directory \(directory.path)")
    #expect(!status.text.contains("\n"))
    #expect(store.state.document.isDirty)
    #expect(!FileManager.default.fileExists(atPath: directory.path))
  }

  @Test("a re-solve's progress and result arrive through the mailbox")
  func solveThroughMailbox() throws {
    let gate = Gate()
    let store = ExplorerStore(state: try ExplorerFixture.state(), solver: Self.fakeSolver(gate))
    store.send(.resolve(.selectedStage))
    #expect(store.state.solve?.progress == "starting")
    #expect(store.isSolving)
    Self.drain(store) { store.state.solve?.progress == "pricing 3/10 candidates" }
    #expect(store.state.solve?.progress == "pricing 3/10 candidates")
    #expect(store.state.solve?.elapsedSeconds == 0.5)
    gate.open()
    Self.drain(store) { !store.isSolving }
    #expect(store.state.solve == nil)
    #expect(!store.isSolving)
    #expect(store.state.document.revision != 0)
    #expect(
      store.state.status?.text.hasPrefix("re-solved stage 0's sharding") == true,
      "\(String(describing: store.state.status))")
  }

  @Test("a cancelled re-solve's late result is ignored")
  func cancelIgnoresLateResult() throws {
    let gate = Gate()
    let store = ExplorerStore(state: try ExplorerFixture.state(), solver: Self.fakeSolver(gate))
    store.send(.resolve(.selectedStage))
    store.send(key: .escape)
    #expect(store.state.solve == nil)
    let cancelled = store.state.status
    #expect(cancelled?.text.hasSuffix("cancelled; the plan is unchanged") == true)
    gate.open()
    Self.drain(store) { !store.isSolving }
    #expect(gate.wasCancelled)
    #expect(store.state.status == cancelled)
    #expect(store.state.document.revision == 0)
    #expect(!store.state.document.isDirty)
  }

  @Test("the loop shows a re-solve's progress while no key is pressed")
  func loopDrainsMailbox() throws {
    let gate = Gate()
    let store = ExplorerStore(state: try ExplorerFixture.state(), solver: Self.fakeSolver(gate))
    store.send(.resolve(.selectedStage))
    let terminal = MemoryTerminal(width: 100, height: 30)
    // Sleeping ticks: a memory terminal does not wait for keys.
    var ticks = 0
    while store.state.solve?.progress != "pricing 3/10 candidates" && ticks < 2000 {
      ExplorerApp.run(store: store, terminal: terminal, idleTickLimit: 1)
      usleep(5000)
      ticks += 1
    }
    #expect(terminal.lastFrame?.find("pricing 3/10 candidates") != nil)
    gate.open()
  }

  @Test("the planning progress screen at 80×24")
  func compileProgressView() {
    let progress = CompileProgress(
      title: "Planning gpt-2.6b on 2 × p3.16xlarge",
      progress: PlannerProgress(
        phase: "searching 16 microbatches", candidatesPriced: 1200, candidatesTotal: 4800,
        ilpSolves: 37, cacheHits: 410, elapsedSeconds: 12),
      elapsedSeconds: 12.34)
    let frame = CompileProgressView.render(progress, width: 80, height: 24)
    #expect(
      frame.text(in: Rect(x: 8, y: 7, width: 64, height: 9)) == [
        "┌ Planning gpt-2.6b on 2 × p3.16xlarge ────────────────────────┐",
        "│                                                              │",
        "│ searching 16 microbatches                                    │",
        "│ █████████▊····························· 1200/4800 candidates │",
        "│ 37 ILP solves · 410 reused                            12.3 s │",
        "│                                                              │",
        "│                                                              │",
        "│ Esc or q cancels                                             │",
        "└──────────────────────────────────────────────────────────────┘",
      ], "\(frame.lines.joined(separator: "\n"))")
    #expect(frame.text(in: Rect(x: 0, y: 0, width: 80, height: 7)).allSatisfy { $0.isEmpty })
    #expect(frame[8, 7].style.foreground == .cyan)
    let mono = CompileProgressView.render(progress, width: 80, height: 24, monochrome: true)
    #expect(mono.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil })
  }

  @Test("the progress screen returns the planner's result, or nil when Esc cancels")
  func compileLoop() throws {
    let terminal = MemoryTerminal(width: 80, height: 24)
    let value = try ExplorerApp.compile(title: "Planning", terminal: terminal) { progress in
      progress(
        PlannerProgress(
          phase: "evaluating", candidatesPriced: 0, candidatesTotal: 0, ilpSolves: 1,
          cacheHits: 0, elapsedSeconds: 0))
      return 42
    }
    #expect(value == 42)

    let gate = Gate()
    let cancelling = MemoryTerminal(width: 80, height: 24, keys: [.escape])
    let cancelled = try ExplorerApp.compile(title: "Planning", terminal: cancelling) { _ in
      gate.wait()
      return 1
    }
    gate.open()
    #expect(cancelled == nil)
    #expect(cancelling.lastFrame?.find("Planning") != nil)
  }

  @Test("the progress screen passes on the planner's error")
  func compileError() throws {
    let terminal = MemoryTerminal(width: 80, height: 24)
    #expect(throws: NoSolver.self) {
      try ExplorerApp.compile(title: "Planning", terminal: terminal) { _ -> Int in
        throw NoSolver()
      }
    }
  }
}

/// The store with the real re-solver: the planner's ILP runs in the background around a pin.
@Suite("explorer store with the planner")
@MainActor
struct ExplorerStoreSolveTests {
  @Test("r re-solves the stage around a pinned op, which keeps its strategy")
  func resolveAroundPin() throws {
    let state = try ExplorerReducerTests.operatorWithChoices()
    let store = ExplorerStore(state: state, solver: SolveRunner.live)
    let node = try #require(store.state.selectedOperator)
    let other = try #require(store.state.alternatives().firstIndex { !$0.isChosen })
    while store.state.selectedAlternative < other { store.send(.moveDown) }
    store.send(.pinSelectedStrategy)
    let pinned = try #require(
      store.state.document.plan.stages[0].ops.first { $0.node == node && $0.pinned })
    let pinnedSeconds = try #require(store.state.document.estimate?.iterationSeconds)
    store.send(key: .character("r"))
    #expect(store.state.solve != nil)
    ExplorerStoreTests.drain(store) { !store.isSolving }
    #expect(store.state.solve == nil)
    let status = try #require(store.state.status)
    #expect(!status.isError, "\(status.text)")
    #expect(status.text.hasPrefix("re-solved stage 0's sharding"))
    let kept = try #require(store.state.document.plan.stages[0].ops.first { $0.node == node })
    #expect(kept.pinned && kept.strategy == pinned.strategy && kept.spec == pinned.spec)
    // Re-solving around a pin never makes the plan slower than leaving the pin unsolved.
    let resolved = try #require(store.state.document.estimate?.iterationSeconds)
    #expect(resolved <= pinnedSeconds * (1 + 1e-9))
    store.send(.undo)
    #expect(store.state.document.estimate?.iterationSeconds == pinnedSeconds)
  }
}

extension ExplorerStoreSolveTests {
  @Test("z plans ZeRO-2's baseline in the background with the real planner")
  func zeroBaseline() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.show(.compare))
    let store = ExplorerStore(state: state, solver: SolveRunner.live)
    store.send(key: .character("z"))
    ExplorerStoreTests.drain(store) { !store.isSolving }
    #expect(store.state.documents.count == 2, "\(String(describing: store.state.status))")
    let baseline = try #require(store.state.documents.last)
    #expect(baseline.plan.search.method == "zero2")
    #expect(baseline.plan.stages.count == 1)
    #expect(baseline.estimate != nil)
  }
}
