import ShardlineExplorer
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import Testing

/// The reducer without a terminal: navigation, every edit and its re-costing, undo and redo.
@Suite("Explorer reducer")
struct ExplorerReducerTests {
  /// `state` after `actions`, asserting they asked for no outside work.
  static func reduced(_ state: ExplorerState, _ actions: [ExplorerAction]) -> ExplorerState {
    var state = state
    for action in actions {
      let effects = state.reduce(action)
      #expect(effects.isEmpty, "\(action) asked for \(effects.count) effect(s)")
    }
    return state
  }

  @Test("Enter on a stage opens it; Esc goes back to where it came from")
  func openAndBack() throws {
    var state = Self.reduced(try ExplorerFixture.state(), [.moveDown, .open])
    #expect(state.page == .stage)
    #expect(state.selectedStage == 1)
    #expect(state.document.inspections[1] != nil)
    state = Self.reduced(state, [.back])
    #expect(state.page == .overview)
    #expect(state.selectedStage == 1)
  }

  @Test("moving a boundary re-costs at once and undo/redo walk back and forth")
  func boundaryUndoRedo() throws {
    let start = try ExplorerFixture.state()
    let before = try #require(start.document.estimate)
    var state = Self.reduced(start, [.moveBoundary(1)])
    #expect(state.document.plan.stages[0].lastLayer == start.document.plan.stages[0].lastLayer + 1)
    #expect(
      state.document.plan.stages[1].firstLayer == start.document.plan.stages[1].firstLayer + 1)
    let after = try #require(state.document.estimate)
    #expect(after.iterationSeconds != before.iterationSeconds)
    #expect(state.document.isDirty)
    #expect(state.status?.text.hasPrefix("stage 0 took a layer: iteration ") == true)
    state = Self.reduced(state, [.undo])
    #expect(state.document.plan == start.document.plan)
    #expect(state.document.estimate?.iterationSeconds == before.iterationSeconds)
    #expect(!state.document.isDirty)
    state = Self.reduced(state, [.redo])
    #expect(state.document.estimate?.iterationSeconds == after.iterationSeconds)
    #expect(state.document.isDirty)
    state = Self.reduced(state, [.undo, .undo])
    #expect(state.status?.text == "nothing to undo")
  }

  @Test("a new edit after an undo drops the redo history")
  func editClearsRedo() throws {
    var state = Self.reduced(try ExplorerFixture.state(), [.moveBoundary(1), .undo])
    #expect(state.document.redoStack.count == 1)
    state = Self.reduced(state, [.toggleSchedule])
    #expect(state.document.redoStack.isEmpty)
    #expect(state.document.plan.schedule == .gpipe)
  }

  @Test("the last stage's end cannot move: the status says why and the plan is unchanged")
  func lastStageBoundary() throws {
    let start = try ExplorerFixture.state()
    let state = Self.reduced(start, [.end, .moveBoundary(1)])
    #expect(state.status?.isError == true)
    #expect(state.status?.text.contains("is the last") == true)
    #expect(state.document.plan == start.document.plan)
    #expect(state.document.undoStack.isEmpty)
  }

  @Test("changing the submesh leaves the stages not tiling the devices, shown as invalid")
  func submesh() throws {
    let state = Self.reduced(try ExplorerFixture.state(), [.cycleSubmesh(1)])
    let stage = state.document.plan.stages[0]
    #expect(stage.submesh != (try ExplorerFixture.fixture().plan.stages[0].submesh))
    #expect(state.document.isValid == false || stage.devices.count == 4)
    #expect(state.status != nil)
  }

  @Test("the logical shape cycles through the submesh's views")
  func logicalShape() throws {
    let start = try ExplorerFixture.state()
    let shapes = start.document.plan.stages[0].submesh.logicalShapes
    let state = Self.reduced(start, [.cycleLogicalShape])
    #expect(
      state.document.plan.stages[0].logicalShape != start.document.plan.stages[0].logicalShape)
    #expect(shapes.contains(state.document.plan.stages[0].logicalShape))
  }

  @Test("microbatches double and halve within the batch; an impossible count is refused")
  func microbatches() throws {
    let start = try ExplorerFixture.state()
    let count = start.document.plan.microbatches
    var state = Self.reduced(start, [.changeMicrobatches(1)])
    #expect(state.document.plan.microbatches == count * 2)
    #expect(state.document.estimate != nil)
    state = Self.reduced(state, [.changeMicrobatches(-1), .changeMicrobatches(-1)])
    #expect(state.document.plan.microbatches == count / 2)
    for _ in 0..<8 { state = Self.reduced(state, [.changeMicrobatches(1)]) }
    #expect(state.document.plan.globalBatch % state.document.plan.microbatches == 0)
    #expect(state.status?.isError == true)
  }

  @Test("pinning the strategy under the cursor re-costs the stage and marks the op pinned")
  func pin() throws {
    var state = try Self.operatorWithChoices()
    let node = try #require(state.selectedOperator)
    let alternatives = state.alternatives()
    let other = try #require(alternatives.firstIndex { !$0.isChosen })
    while state.selectedAlternative != other {
      state = Self.reduced(state, [state.selectedAlternative < other ? .moveDown : .moveUp])
    }
    let before = try #require(state.document.estimate?.iterationSeconds)
    state = Self.reduced(state, [.pinSelectedStrategy])
    let op = try #require(
      state.document.plan.stages[state.selectedStage].ops.first { $0.node == node })
    #expect(op.pinned)
    #expect(op.strategy == alternatives[other].strategy)
    #expect(state.document.estimate?.iterationSeconds != before)
    #expect(state.alternatives().first { $0.isChosen }?.strategy == alternatives[other].strategy)
    state = Self.reduced(state, [.unpinSelectedOperator])
    let unpinned = try #require(
      state.document.plan.stages[state.selectedStage].ops.first { $0.node == node })
    #expect(!unpinned.pinned)
  }

  @Test("an edit that overflows memory shows the stage and how much it is over, in red")
  func overMemory() throws {
    let fixture = try ExplorerFixture.fixture()
    var plan = fixture.plan
    let peaks = try #require(plan.estimate).stages.map(\.peakBytes)
    // Room for today's largest stage and 1 % more: a stage taking a whole extra layer overflows.
    plan.cluster.host.device.memoryBytes = Int(peaks.max()! * 1.01)
    var state = ExplorerState(documents: [
      PlanDocument(plan: plan, title: "tight.json", path: nil, workspace: fixture.workspace)
    ])
    #expect(state.document.isValid)
    let fuller = peaks[0] < peaks[1] ? 1 : 0
    state = Self.reduced(state, fuller == 0 ? [.moveBoundary(1)] : [.moveBoundary(-1)])
    let issue = try #require(state.document.estimate?.issues.first)
    #expect(issue.kind == .memory)
    #expect(state.status?.isError == true)
    #expect(state.status?.text.contains("over") == true)
    let screen = ExplorerScreen.render(state, width: 80, height: 24)
    let position = try #require(screen.find("invalid: stage"))
    #expect(screen[position.column, position.row].style.foreground == .red)
  }

  @Test("search filters the operator table and Esc clears it")
  func search() throws {
    var state = Self.reduced(try ExplorerFixture.state(), [.open, .beginSearch])
    for character in "block1/" { state = Self.reduced(state, [.inputCharacter(character)]) }
    state = Self.reduced(state, [.submitInput])
    let rows = state.operatorRows()
    #expect(!rows.isEmpty)
    for row in rows {
      guard case .operator(let op) = row else {
        Issue.record("a searched table lists ops, not layers")
        continue
      }
      #expect(op.name.lowercased().contains("block1/"))
    }
    state = Self.reduced(state, [.beginSearch, .cancelInput])
    #expect(state.operatorTable.query.isEmpty)
  }

  @Test("layers start folded; Enter and → unfold, ← folds back onto the header")
  func folding() throws {
    var state = Self.reduced(try ExplorerFixture.state(), [.open])
    let folded = state.operatorRows()
    #expect(folded.allSatisfy { if case .layer = $0 { true } else { false } })
    state = Self.reduced(state, [.open])
    #expect(state.operatorRows().count > folded.count)
    state = Self.reduced(state, [.moveDown, .moveDown, .moveLeft])
    #expect(state.operatorRows().count == folded.count)
    #expect(state.operatorTable.cursor == 0)
    state = Self.reduced(state, [.moveRight])
    #expect(state.operatorRows().count > folded.count)
  }

  @Test("sorting by compute lists the most expensive op first")
  func sorting() throws {
    let state = Self.reduced(try ExplorerFixture.state(), [.open, .cycleSort])
    let ops = state.operatorRows().compactMap { row -> StageInspection.Operator? in
      if case .operator(let op) = row { return op }
      return nil
    }
    #expect(state.operatorTable.sort == .compute)
    #expect(ops.count == state.document.inspections[0]?.operators.count)
    #expect(zip(ops, ops.dropFirst()).allSatisfy { $0.computeSeconds >= $1.computeSeconds })
  }

  /// The operator view of the first op of stage 0 with more than one strategy.
  static func operatorWithChoices() throws -> ExplorerState {
    var state = Self.reduced(try ExplorerFixture.state(), [.open, .expandAllLayers])
    for (index, row) in state.operatorRows().enumerated() {
      guard case .operator(let op) = row, !op.isFollower else { continue }
      let inspection = try #require(state.document.inspections[0])
      guard inspection.alternatives(for: op.node).count > 1 else { continue }
      while state.operatorTable.cursor < index { state = Self.reduced(state, [.moveDown]) }
      state = Self.reduced(state, [.open])
      #expect(state.page == .operator)
      return state
    }
    Issue.record("stage 0 has no op with a choice")
    return state
  }
}

/// Regression: a layer's backward ops lie far from its forward ops in graph order, and the
/// table once gave each run of ops its own header, listing a layer many times.
@Suite("Operator table grouping")
struct OperatorTableGroupingTests {
  @Test("each layer of the stage has exactly one header, holding all its ops")
  func oneHeaderPerLayer() throws {
    let state = ExplorerReducerTests.reduced(try ExplorerFixture.state(), [.open])
    let inspection = try #require(state.document.inspections[0])
    var headers: [Int: Int] = [:]
    for row in state.operatorRows() {
      guard case .layer(let layer, _, let count) = row else {
        Issue.record("a folded table lists only headers")
        continue
      }
      #expect(headers[layer] == nil, "layer \(layer) listed twice")
      headers[layer] = count
    }
    let stage = state.document.plan.stages[0]
    #expect(Set(headers.keys) == Set(stage.layers))
    #expect(headers.values.reduce(0, +) == inspection.operators.count)
  }
}

/// Scopes fold inside an unfolded layer, so that a 400-op transformer block reads as a handful
/// of headers (its attention, its MLP, its layer norms).
@Suite("Operator table scopes")
struct OperatorTableScopeTests {
  @Test("an unfolded block lists its scopes folded; Enter unfolds one, ← on its op folds it back")
  func scopes() throws {
    var state = ExplorerReducerTests.reduced(try ExplorerFixture.state(), [.open, .moveDown])
    state = ExplorerReducerTests.reduced(state, [.open])
    let rows = state.operatorRows()
    let scopes = rows.compactMap { row -> (String, Int)? in
      if case .scope(let key, let count) = row { return (key, count) }
      return nil
    }
    #expect(scopes.map(\.0).contains("block0/attn"))
    #expect(scopes.map(\.0).contains("block0/mlp"))
    let inspection = try #require(state.document.inspections[0])
    let blockOps = inspection.operators.filter { $0.layer == 1 }
    let direct = rows.filter { if case .operator = $0 { true } else { false } }.count
    #expect(scopes.map(\.1).reduce(0, +) + direct == blockOps.count)
    let attention = try #require(
      rows.firstIndex {
        if case .scope("block0/attn", _) = $0 { return true }
        return false
      })
    while state.operatorTable.cursor < attention {
      state = ExplorerReducerTests.reduced(state, [.moveDown])
    }
    state = ExplorerReducerTests.reduced(state, [.open, .moveDown])
    guard case .operator(let op) = try #require(state.operatorRows()[safe: attention + 1]) else {
      Issue.record("the row under an unfolded scope is not an op")
      return
    }
    #expect(op.name.hasPrefix("block0/attn/"))
    state = ExplorerReducerTests.reduced(state, [.moveLeft])
    #expect(state.operatorTable.cursor == attention)
    #expect(state.operatorRows().count == rows.count)
    state = ExplorerReducerTests.reduced(state, [.moveLeft])
    #expect(state.operatorRows().allSatisfy { if case .layer = $0 { true } else { false } })
  }
}
