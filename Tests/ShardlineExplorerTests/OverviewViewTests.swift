import ShardlineExplorer
import ShardlineHardware
import ShardlinePlan
import Testing

/// The overview and the screen around every view, as a person reads them.
@Suite("Overview and screen")
struct OverviewViewTests {
  @Test(
    "the overview lists every stage with its layers, mesh, latency and memory",
    arguments: [
      (80, 24), (160, 48),
    ])
  func overview(size: (Int, Int)) throws {
    let state = try ExplorerFixture.state()
    let plan = state.document.plan
    let estimate = try #require(state.document.estimate)
    let screen = ExplorerScreen.render(state, width: size.0, height: size.1)
    #expect(screen.find("iteration \(Format.seconds(estimate.iterationSeconds))") != nil)
    for (index, stage) in plan.stages.enumerated() {
      let row = try #require(screen.find(plan.layerRangeLabel(ofStage: index)))
      let line = screen.line(row.row)
      #expect(line.contains("\(stage.submesh)") && line.contains(stage.deviceLabel))
      #expect(line.contains(Format.bytes(estimate.stages[index].peakBytes)))
    }
    // The selected stage's row is reversed; the footer names help and quit.
    let first = try #require(screen.find(plan.layerRangeLabel(ofStage: 0)))
    #expect(screen[first.column, first.row].style.reverse)
    #expect(screen.line(size.1 - 1).hasSuffix("? help  q quit"))
    assertSnapshot(screen, named: "overview-\(size.0)x\(size.1)")
  }

  @Test("a terminal smaller than 80×24 says so instead of drawing, and warns of unsaved edits")
  func tooSmall() throws {
    var state = try ExplorerFixture.state()
    let screen = ExplorerScreen.render(state, width: 79, height: 24)
    #expect(screen.find("Terminal too small: 79×24.") != nil)
    #expect(screen.find("needs at least 80×24") != nil)
    #expect(screen.find("Stages") == nil)
    _ = state.reduce(.toggleSchedule)
    let dirty = ExplorerScreen.render(state, width: 60, height: 10)
    #expect(dirty.find("Unsaved edits") != nil)
  }

  @Test("in monochrome no cell has a colour, and the selection is still reversed")
  func monochrome() throws {
    var state = try ExplorerFixture.state()
    state.monochrome = true
    for page in ExplorerPage.allCases where page != .operator {
      _ = state.reduce(.show(page))
      let screen = ExplorerScreen.render(state, width: 100, height: 30)
      #expect(
        screen.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil },
        "\(page) has colours")
    }
    _ = state.reduce(.show(.overview))
    let screen = ExplorerScreen.render(state, width: 100, height: 30)
    let first = try #require(screen.find(state.document.plan.layerRangeLabel(ofStage: 0)))
    #expect(screen[first.column, first.row].style.reverse)
  }

  @Test("the help overlay lists every binding of the key table")
  func help() throws {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.toggleHelp)
    let screen = ExplorerScreen.render(state, width: 100, height: 30)
    #expect(screen.find("Keys (Esc closes") != nil)
    #expect(screen.find("Everywhere") != nil)
    #expect(screen.find("↑/k") != nil)
    for _ in 0..<200 { _ = state.reduce(.moveDown) }
    let scrolled = ExplorerScreen.render(state, width: 100, height: 30)
    let last = try #require(KeyMap.bindings(.input).last)
    #expect(scrolled.find(last.summary) != nil)
  }
}
