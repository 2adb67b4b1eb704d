import ShardlineIR
import ShardlinePlan

/// The stage view's operator table and the operator view's strategy list.
extension ExplorerState {
  /// The rows of the selected stage's operator table (none until the stage is inspected).
  public func operatorRows() -> [OperatorRow] {
    guard let inspection = document.inspections[selectedStage] else { return [] }
    return OperatorRows.rows(
      inspection, table: operatorTable, layerNames: document.plan.layerNames)
  }

  /// Every strategy the selected op could take, cheapest first.
  public func alternatives() -> [OperatorAlternative] {
    guard let node = selectedOperator, let inspection = document.inspections[selectedStage]
    else { return [] }
    return inspection.alternatives(for: node)
  }

  /// Prices the selected stage's ops if they are not yet, and says why when they cannot be.
  mutating func prepareStage() {
    guard stageCount > 0 else { return }
    selectedStage = min(selectedStage, stageCount - 1)
    if let error = document.inspect(stage: selectedStage) {
      status = StatusMessage("stage \(selectedStage): \(error)", isError: true)
    }
  }

  mutating func operatorTableAction(_ action: ExplorerAction) {
    guard page == .stage else { return }
    switch action {
    case .cycleSort:
      let all = OperatorTableState.SortKey.allCases
      operatorTable.sort = all[(operatorTable.sort.rawValue + 1) % all.count]
      operatorTable.cursor = 0
      status = StatusMessage("sorted by \(operatorTable.sort)")
    case .cyclePhaseFilter:
      let phases: [Phase?] = [nil, .forward, .backward, .update]
      let current = phases.firstIndex { $0 == operatorTable.phase } ?? 0
      operatorTable.phase = phases[(current + 1) % phases.count]
      operatorTable.cursor = 0
      status = StatusMessage("showing \(operatorTable.phase.map { "\($0) ops" } ?? "every op")")
    case .beginSearch:
      overlay = .input(TextInput(purpose: .search, text: operatorTable.query))
    case .expandAllLayers:
      let layers = document.plan.stages[safe: selectedStage].map { Set($0.layers) } ?? []
      operatorTable.expandedLayers = layers
    case .collapseAllLayers:
      operatorTable.expandedLayers = []
      operatorTable.cursor = 0
    default:
      break
    }
  }

  /// Folds or unfolds the layer of the row under the cursor, keeping the cursor on its header
  /// when folding.
  mutating func foldLayerUnderCursor(expand: Bool) {
    let rows = operatorRows()
    guard operatorTable.groupsByLayer, let row = rows[safe: operatorTable.cursor] else { return }
    let layer: Int
    switch row {
    case .layer(let index, _, _): layer = index
    case .operator(let op): layer = op.layer
    }
    if expand {
      operatorTable.expandedLayers.insert(layer)
    } else {
      operatorTable.expandedLayers.remove(layer)
      operatorTable.cursor = operatorRows().firstIndex { $0.layerIndex == layer } ?? 0
    }
  }

  mutating func toggleLayer(_ layer: Int) {
    let expanded = operatorTable.expandedLayers.contains(layer)
    if expanded {
      operatorTable.expandedLayers.remove(layer)
    } else {
      operatorTable.expandedLayers.insert(layer)
    }
  }
}

extension OperatorRow {
  /// The layer of a header row.
  var layerIndex: Int? {
    if case .layer(let index, _, _) = self { return index }
    return nil
  }
}
