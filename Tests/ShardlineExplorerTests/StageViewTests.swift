import ShardlineExplorer
import ShardlinePlan
import Testing

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// The stage and operator views as a person reads them.
@Suite("Stage and operator views")
struct StageViewTests {
  static let sizes = [(80, 24), (160, 48)]

  @Test("the stage view shows the breakdowns, folded layers and, unfolded, ops with their specs")
  func stage() throws {
    var state = ExplorerReducerTests.reduced(try ExplorerFixture.state(), [.open])
    for (width, height) in Self.sizes {
      let screen = ExplorerScreen.render(state, width: width, height: height)
      #expect(screen.find("Stage 0 of 2") != nil)
      #expect(screen.find(" time ") != nil && screen.find("compute ") != nil)
      #expect(screen.find(" memory ") != nil && screen.find("parameters ") != nil)
      #expect(screen.find("▸ embed (") != nil)
      #expect(screen.find("▸ block0 (") != nil)
    }
    // Unfold block0 and its first scope (its first layer norm): the row after the scope's
    // header is its first op.
    state = ExplorerReducerTests.reduced(state, [.moveDown, .open, .moveDown, .open])
    guard case .scope(let scope, _) = try #require(state.operatorRows()[safe: 2]),
      case .operator(let matmul) = try #require(state.operatorRows()[safe: 3])
    else {
      Issue.record("block0 does not open onto a scope and its ops")
      return
    }
    for (width, height) in Self.sizes {
      let screen = ExplorerScreen.render(state, width: width, height: height)
      #expect(screen.find("▾ block0 (") != nil)
      #expect(screen.find("▾ \(scope) (") != nil)
      let row = try #require(screen.find(matmul.name))
      #expect(screen.line(row.row).contains(matmul.spec.description))
      if width >= 120 { #expect(screen.line(row.row).contains(matmul.strategy)) }
    }
    for (width, height) in Self.sizes {
      assertSnapshot(
        ExplorerScreen.render(state, width: width, height: height),
        named: "stage-\(width)x\(height)")
    }
  }

  @Test("the operator view lists every strategy with costs, marks the chosen one and says why")
  func operatorView() throws {
    let state = try ExplorerReducerTests.operatorWithChoices()
    let node = try #require(state.selectedOperator)
    let inspection = try #require(state.document.inspections[state.selectedStage])
    let alternatives = inspection.alternatives(for: node)
    for (width, height) in Self.sizes {
      let screen = ExplorerScreen.render(state, width: width, height: height)
      #expect(screen.find("Strategies (\(alternatives.count))") != nil)
      let chosen = try #require(alternatives.first { $0.isChosen })
      #expect(screen.find("✓ \(chosen.strategy)") != nil)
      #expect(
        screen.find("why: \(inspection.reason(for: node))".prefix(width - 4).description) != nil)
    }
    for (width, height) in Self.sizes {
      assertSnapshot(
        ExplorerScreen.render(state, width: width, height: height),
        named: "operator-\(width)x\(height)")
    }
  }
}
