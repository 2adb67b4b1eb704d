import Foundation
import ShardlinePlan
import Testing

@testable import ShardlineExplorer

@Suite("Compare view")
struct CompareViewTests {
  /// The fixture's state on the compare view, its plan edited by `edit` (not saved).
  private func edited(_ edit: (inout Plan) -> Void) throws -> ExplorerState {
    var state = try ExplorerFixture.state()
    var plan = state.document.plan
    edit(&plan)
    state.document.commit(plan, label: "edited")
    state.page = .compare
    return state
  }

  /// The fixture's plan and the same with 2 microbatches, as two open files, compared.
  private func twoPlans() throws -> ExplorerState {
    let fixture = try ExplorerFixture.fixture()
    var plan = fixture.plan
    plan.microbatches = 2
    var state = try ExplorerFixture.state()
    state.documents.append(
      PlanDocument(
        plan: plan, title: "gpt-tiny-mb2.json", path: "/tmp/gpt-tiny-mb2.json",
        workspace: fixture.workspace))
    state.page = .compare
    state.comparison = .document(1)
    return state
  }

  /// The column where the last `text` in `line` starts.
  private func column(of text: String, in line: String) -> Int? {
    guard let range = line.range(of: text, options: .backwards) else { return nil }
    return line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound)
  }

  /// The screen row where `label` first appears.
  private func row(_ buffer: CellBuffer, _ label: String) throws -> Int {
    try #require(buffer.find(label)).row
  }

  @Test("the heading names the edited plan and its saved version")
  func headingAsSaved() throws {
    let state = try edited { $0.microbatches = 2 }
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    #expect(buffer.find("gpt-tiny-plan.json (edited) vs as saved") != nil)
    let header = try row(buffer, "as saved  ")
    #expect(buffer.line(header).contains("edited"))
    #expect(buffer.line(header).contains("change"))
  }

  @Test("an unedited plan compared with its saved version shows no change")
  func unedited() throws {
    var state = try ExplorerFixture.state()
    state.page = .compare
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    #expect(buffer.find("gpt-tiny-plan.json vs as saved (no edits)") != nil)
    #expect(buffer.line(try row(buffer, "iteration")).contains("0.0 %"))
  }

  @Test("another open plan is named by its title")
  func headingDocuments() throws {
    let buffer = ExplorerScreen.render(try twoPlans(), width: 80, height: 24)
    #expect(buffer.find("gpt-tiny-plan.json vs gpt-tiny-mb2.json") != nil)
    let header = buffer.line(try row(buffer, "iteration") - 1)
    let other = try #require(column(of: "gpt-tiny-mb2.json", in: header))
    let active = try #require(column(of: "gpt-tiny-plan.json", in: header))
    #expect(other < active)
  }

  @Test("totals show both plans' figures and the change, styled better or worse")
  func totals() throws {
    let state = try twoPlans()
    let (current, reference) = ComparePresentation.sides(state)
    let figures = ComparePresentation.totals(current: current, reference: reference)
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    let theme = Theme(monochrome: false)
    for figure in figures {
      let line = try row(buffer, figure.label)
      let text = buffer.line(line)
      #expect(text.contains(figure.current) && text.contains(figure.reference))
      let change = try #require(column(of: figure.change, in: text))
      let expected: CellStyle =
        switch figure.trend {
        case .better: theme.better
        case .worse: theme.worse
        case .neutral: .plain
        }
      #expect(buffer[change, line].style == expected)
    }
  }

  @Test("lower time and memory and higher TFLOPS are better")
  func trends() throws {
    let document = try ExplorerFixture.state().document
    let estimate = try #require(document.estimate)
    var slower = estimate
    slower.iterationSeconds *= 2
    slower.teraflopsPerDevice /= 2
    slower.bubbleFraction += 0.1
    slower.stages[0].peakBytes *= 2
    let fast = ComparePresentation.Side(name: "a", plan: document.plan, estimate: estimate)
    let slow = ComparePresentation.Side(name: "b", plan: document.plan, estimate: slower)
    let worse = ComparePresentation.totals(current: slow, reference: fast)
    #expect(worse.map(\.trend) == [.worse, .worse, .worse, .worse, .neutral, .neutral])
    #expect(worse[0].change == "+100.0 %")
    #expect(worse[1].change == "+10.0 pt")
    #expect(worse[2].change == "−50.0 %")
    let better = ComparePresentation.totals(current: fast, reference: slow)
    #expect(better.map(\.trend) == [.better, .better, .better, .better, .neutral, .neutral])
    let rows = ComparePresentation.stageRows(current: slow, reference: fast)
    #expect(rows[0].memory.trend == .worse && rows[0].memory.change == "+100.0 %")
    #expect(rows[1].memory.trend == .neutral && rows[1].memory.change == "0.0 %")
  }

  @Test("a plan over its memory has its memory and change styled as errors and its issues listed")
  func overMemory() throws {
    let state = try edited { $0.cluster.host.device.memoryBytes = 1 << 19 }
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    let theme = Theme(monochrome: false)
    let memory = try row(buffer, "peak memory")
    let line = Array(buffer.line(memory).unicodeScalars)
    let change = try #require(line.lastIndex(of: "%"))
    #expect(buffer[change, memory].style == theme.worse)
    let edited = try #require(line.lastIndex(of: "B"))
    let saved = try #require(line.firstIndex(of: "B"))
    #expect(buffer[edited, memory].style == theme.error)
    #expect(buffer[saved, memory].style == .plain)
    let issue = try #require(buffer.find("edited: stage 0: "))
    #expect(buffer[issue.column, issue.row].style == theme.error)
    #expect(buffer.find("Invalid") != nil)
  }

  @Test("the stage table lists each stage of both plans with the selected one reversed")
  func stages() throws {
    var state = try twoPlans()
    _ = state.reduce(.moveDown)
    #expect(state.selectedStage == 1)
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    let header = try row(buffer, "layers")
    #expect(buffer.line(header - 1).contains(" latency / microbatch "))
    #expect(buffer.line(header - 1).contains(" memory / device "))
    let titles = buffer.line(header).split(separator: " ")
    #expect(
      titles.filter { $0 == "other" }.count == 2 && titles.filter { $0 == "active" }.count == 2)
    for stage in 0..<2 {
      let line = buffer.line(header + 1 + stage)
      #expect(line.contains("s\(stage)"))
      #expect(line.contains("1×4"))
      #expect(buffer[2, header + 1 + stage].style.reverse == (stage == 1))
    }
  }

  @Test("a moved boundary shows before → after, a stage only one plan has a dash")
  func missingStage() throws {
    let document = try ExplorerFixture.state().document
    var shorter = document.plan
    shorter.stages.removeLast()
    shorter.stages[0].lastLayer += 1
    let rows = ComparePresentation.stageRows(
      current: .init(name: "a", plan: document.plan, estimate: document.estimate),
      reference: .init(name: "b", plan: shorter, estimate: nil))
    #expect(rows.count == 2)
    #expect(rows[0].layerNumbers == "0–4 → 0–3")
    #expect(rows[0].submesh == "1×4")
    #expect(rows[1].layerNumbers == "— → 4–7")
    #expect(rows[1].submesh == "— → 1×4")
    #expect(rows[1].latency.reference == "—" && rows[1].latency.change == "—")
  }

  @Test("percentage-point changes have a sign")
  func points() {
    #expect(ComparePresentation.pointChange(from: 0.2, to: 0.25) == "+5.0 pt")
    #expect(ComparePresentation.pointChange(from: 0.25, to: 0.2) == "−5.0 pt")
    #expect(ComparePresentation.pointChange(from: 0.2, to: 0.2) == "0.0 pt")
    #expect(ComparePresentation.pointChange(from: .infinity, to: 0.2) == "—")
  }

  @Test("the view draws only inside its area")
  func staysInside() throws {
    let area = Rect(x: 1, y: 3, width: 78, height: 17)
    var buffer = CellBuffer(width: 80, height: 22)
    let state = try edited { $0.cluster.host.device.memoryBytes = 1 << 19 }
    CompareView.render(state, in: area, into: &buffer, theme: Theme(monochrome: true))
    expectBlank(buffer, outside: area)
  }

  @Test("snapshots at 80×24 and 160×48", arguments: [(80, 24), (160, 48)])
  func snapshots(size: (Int, Int)) throws {
    assertSnapshot(
      ExplorerScreen.render(try edited { $0.microbatches = 2 }, width: size.0, height: size.1),
      named: "compare-\(size.0)x\(size.1)")
  }
}
