import ShardlinePlan
import Testing

@testable import ShardlineExplorer

@Suite("Timeline view")
struct TimelineViewTests {
  /// The fixture's state on the timeline, stage `stage` selected.
  private func state(stage: Int = 0) throws -> ExplorerState {
    var state = try ExplorerFixture.state()
    state.page = .timeline
    state.selectedStage = stage
    return state
  }

  /// The chart cells of stage `stage`'s row: what follows its label.
  private func chart(_ buffer: CellBuffer, stage: Int) throws -> (row: Int, cells: [Cell]) {
    let label = try #require(buffer.find(" s\(stage) "))
    // The label, a column between it and the chart; the border and a padding column at right.
    let start = label.column + " s\(stage) ".count + 1
    let cells = (start..<buffer.width - 3).map { buffer[$0, label.row] }
    return (label.row, cells)
  }

  /// Stage 0: F0 0–1 s, F1 1.2–2 s, idle, B0 2.5–3.5 s, update 3.5–4 s, and a transfer that is
  /// not drawn; stage 1: idle, then F0 1–2 s.
  private let timeline = PipelineTimeline(
    schedule: .oneFOneB, stageCount: 2, virtualStages: 1, microbatches: 2,
    tasks: [
      PipelineTask(
        stage: 0, deviceGroup: 0, chunk: 0, microbatch: 0, kind: .forward, startSeconds: 0,
        endSeconds: 1),
      PipelineTask(
        stage: 0, deviceGroup: 0, chunk: 0, microbatch: 0, kind: .sendForward, startSeconds: 1,
        endSeconds: 1.2),
      PipelineTask(
        stage: 0, deviceGroup: 0, chunk: 0, microbatch: 1, kind: .forward, startSeconds: 1.2,
        endSeconds: 2),
      PipelineTask(
        stage: 0, deviceGroup: 0, chunk: 0, microbatch: 0, kind: .backward, startSeconds: 2.5,
        endSeconds: 3.5),
      PipelineTask(
        stage: 0, deviceGroup: 0, chunk: 0, microbatch: nil, kind: .update, startSeconds: 3.5,
        endSeconds: 4),
      PipelineTask(
        stage: 1, deviceGroup: 1, chunk: 0, microbatch: 0, kind: .forward, startSeconds: 1,
        endSeconds: 2),
    ],
    iterationSeconds: 4, busySeconds: [3.3, 1], bubbleFraction: 0.4,
    peakInFlightMicrobatches: [2, 1], peakInFlightPerDeviceGroup: [2, 1])

  @Test(
    "each column shows the task covering most of it, or idle time when that covers more",
    arguments: [
      // Half-second columns: F0, F0, F1 (0.3 s against 0.2 s idle), F1, idle, B0, B0, U.
      (8, [0, 0, 1, 1, 2, 3, 3, 4]),
      // Two-second columns: F0's 1 s beats F1's 0.8 s; B0's 1 s beats the update's 0.5 s.
      (2, [0, 3]),
      // One-second columns: B0's 0.5 s ties idle time, then the update; the first task wins.
      (4, [0, 1, 3, 3]),
    ])
  func row(columns: Int, expected: [Int]) {
    let glyphs: [TimelinePresentation.Glyph] = [
      .forward(microbatch: 0), .forward(microbatch: 1), .idle, .backward(microbatch: 0), .update,
    ]
    #expect(
      TimelinePresentation.row(timeline, stage: 0, window: 0...4, columns: columns)
        == expected.map { glyphs[$0] })
  }

  @Test("a zoomed window shows only its part of the iteration")
  func zoomedRow() {
    var viewport = TimelineViewport()
    viewport.zoom = 1
    viewport.start = 0.5
    let window = TimelinePresentation.window(timeline, viewport: viewport)
    #expect(window == 2...4)
    #expect(
      TimelinePresentation.row(timeline, stage: 1, window: window, columns: 4)
        == Array(repeating: .idle, count: 4))
    #expect(
      TimelinePresentation.row(timeline, stage: 0, window: window, columns: 4)
        == [.idle, .backward(microbatch: 0), .backward(microbatch: 0), .update])
  }

  @Test("glyphs print microbatch digits, U for the update and a dot for idle time")
  func glyphs() {
    #expect(TimelinePresentation.Glyph.forward(microbatch: 12).character == "2")
    #expect(TimelinePresentation.Glyph.backward(microbatch: 7).character == "7")
    #expect(TimelinePresentation.Glyph.update.character == "U")
    #expect(TimelinePresentation.Glyph.idle.character == "·")
  }

  @Test(
    "ticks fall on round times far enough apart for their labels",
    arguments: [
      // 10 ms over 60 columns: labels up to 8 wide need 10 columns = 1.67 ms, so every 2 ms;
      // 10 ms would end past the right edge.
      (
        0...0.01, 60,
        [(0, "0"), (12, "2.00 ms"), (24, "4.00 ms"), (36, "6.00 ms"), (48, "8.00 ms")]
      ),
      // From 2.5 ms to 5 ms over 40 columns: 7 + 2 columns = 0.5625 ms, so every 1 ms; 5 ms
      // would end past the right edge.
      (0.0025...0.005, 40, [(8, "3.00 ms"), (24, "4.00 ms")]),
    ] as [(ClosedRange<Double>, Int, [(Int, String)])])
  func ticks(window: ClosedRange<Double>, columns: Int, expected: [(Int, String)]) {
    let ticks = TimelinePresentation.ticks(window: window, columns: columns)
    #expect(ticks.map(\.column) == expected.map(\.0))
    #expect(ticks.map(\.label) == expected.map(\.1))
  }

  @Test(
    "steps are 1, 2 or 5 times a power of ten",
    arguments: [(0.0013, 0.002), (0.003, 0.005), (0.006, 0.01), (1.0, 1.0), (0.2, 0.2)])
  func roundStep(minimum: Double, expected: Double) {
    #expect(abs(TimelinePresentation.roundStep(atLeast: minimum) - expected) < 1e-12)
  }

  @Test("the summary names the iteration, bubble, zoom and window")
  func summary() {
    var viewport = TimelineViewport()
    #expect(
      TimelinePresentation.summary(timeline, viewport: viewport)
        == "iteration 4.00 s · bubble 40.0 % · zoom 1× · showing 0–4.00 s")
    viewport.zoom = 2
    viewport.start = 0.25
    #expect(
      TimelinePresentation.summary(timeline, viewport: viewport)
        == "iteration 4.00 s · bubble 40.0 % · zoom 4× · showing 1.00 s–2.00 s")
    #expect(TimelinePresentation.title(timeline) == "1f1b · 2 stages × 2 microbatches")
  }

  @Test("one row per stage: forward digits plain, backward digits reversed, idle dots dim")
  func chartRows() throws {
    let buffer = ExplorerScreen.render(try state(), width: 80, height: 24)
    let theme = Theme(monochrome: false)
    for stage in 0..<2 {
      let cells = try chart(buffer, stage: stage).cells
      let digits = cells.filter { ("0"..."9").contains($0.character) }
      #expect(digits.contains { $0.style == theme.stage(stage) })
      #expect(digits.contains { $0.style.reverse })
      #expect(cells.contains { $0.character == "U" })
    }
    let late = try chart(buffer, stage: 1).cells
    #expect(late[0].character == "·")
    #expect(late[0].style == theme.bubble)
  }

  @Test("the axis, summary and legend frame the chart")
  func frame() throws {
    let buffer = ExplorerScreen.render(try state(), width: 80, height: 24)
    let summary = try #require(buffer.find("iteration "))
    #expect(buffer.line(summary.row).contains("· zoom 1× · showing 0–"))
    #expect(buffer.find("1f1b · 2 stages × 4 microbatches") != nil)
    let axis = try #require(buffer.find("┬"))
    #expect(buffer.line(axis.row - 1).contains(" 0 "))
    #expect(buffer.find("3 forward of microbatch 3") != nil)
    #expect(buffer.find("· idle (bubble)") != nil)
  }

  @Test("zooming in halves the window and the axis no longer starts at 0")
  func zoom() throws {
    var state = try state()
    _ = state.reduce(.zoomIn)
    _ = state.reduce(.moveRight)
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    #expect(buffer.find("zoom 2× · showing ") != nil)
    let axis = try #require(buffer.find("┬"))
    #expect(!buffer.line(axis.row - 1).contains(" 0 "))
  }

  @Test("the selected stage's label is reversed", arguments: [0, 1])
  func selection(stage: Int) throws {
    let buffer = ExplorerScreen.render(try state(stage: stage), width: 80, height: 24)
    for row in 0..<2 {
      let label = try #require(buffer.find(" s\(row) "))
      #expect(buffer[label.column + 1, label.row].style.reverse == (row == stage))
    }
  }

  @Test("without a timeline the reasons are shown as errors")
  func missing() throws {
    let fixture = try ExplorerFixture.fixture()
    var plan = fixture.plan
    plan.microbatches = 3
    let document = PlanDocument(
      plan: plan, title: "odd.json", path: nil, workspace: fixture.workspace)
    #expect(document.timeline == nil)
    var state = ExplorerState(documents: [document])
    state.page = .timeline
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    #expect(buffer.find("No timeline") != nil)
    let reason = try #require(buffer.find("cannot evaluate: "))
    #expect(buffer[reason.column, reason.row].style == Theme(monochrome: false).error)
  }

  @Test("the view draws only inside its area")
  func staysInside() throws {
    let area = Rect(x: 3, y: 2, width: 74, height: 18)
    var buffer = CellBuffer(width: 80, height: 22)
    TimelineView.render(try state(), in: area, into: &buffer, theme: Theme(monochrome: true))
    expectBlank(buffer, outside: area)
  }

  @Test("snapshots at 80×24 and 160×48", arguments: [(80, 24), (160, 48)])
  func snapshots(size: (Int, Int)) throws {
    assertSnapshot(
      ExplorerScreen.render(try state(stage: 1), width: size.0, height: size.1),
      named: "timeline-\(size.0)x\(size.1)")
  }
}
