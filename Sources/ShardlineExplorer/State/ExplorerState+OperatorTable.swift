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
      if let inspection = document.inspections[selectedStage] {
        operatorTable.expandedScopes = OperatorRows.scopes(inspection, inLayers: layers)
      }
    case .collapseAllLayers:
      operatorTable.expandedLayers = []
      operatorTable.expandedScopes = []
      operatorTable.cursor = 0
    default:
      break
    }
  }

  /// Unfolds the header under the cursor (→), or folds the innermost group holding the row
  /// under the cursor (←: an op's scope, else its layer; a scope header's layer), keeping the
  /// cursor on the folded group's header.
  mutating func foldLayerUnderCursor(expand: Bool) {
    let rows = operatorRows()
    guard operatorTable.groupsByLayer, let row = rows[safe: operatorTable.cursor] else { return }
    if expand {
      switch row {
      case .layer(let layer, _, _): operatorTable.expandedLayers.insert(layer)
      case .scope(let key, _): operatorTable.expandedScopes.insert(key)
      case .operator: break
      }
      return
    }
    let header: OperatorRow
    switch row {
    case .layer(let layer, _, _):
      operatorTable.expandedLayers.remove(layer)
      header = row
    case .scope(let key, _):
      guard let layer = layer(ofScope: key, in: rows) else { return }
      operatorTable.expandedLayers.remove(layer)
      header = rows.first { $0.layerIndex == layer } ?? row
    case .operator(let op):
      if let key = OperatorRows.scope(of: op), operatorTable.expandedScopes.contains(key) {
        operatorTable.expandedScopes.remove(key)
        header = .scope(key, operators: 0)
      } else {
        operatorTable.expandedLayers.remove(op.layer)
        header = .layer(op.layer, name: "", operators: 0)
      }
    }
    operatorTable.cursor = operatorRows().firstIndex { $0.isHeader(like: header) } ?? 0
  }

  /// Opens or closes a folded group (Enter on its header).
  mutating func toggle(_ row: OperatorRow) {
    switch row {
    case .layer(let layer, _, _):
      if operatorTable.expandedLayers.remove(layer) == nil {
        operatorTable.expandedLayers.insert(layer)
      }
    case .scope(let key, _):
      if operatorTable.expandedScopes.remove(key) == nil {
        operatorTable.expandedScopes.insert(key)
      }
    case .operator:
      break
    }
  }

  /// The layer whose header precedes scope `key`'s header in `rows`.
  private func layer(ofScope key: String, in rows: [OperatorRow]) -> Int? {
    guard let position = rows.firstIndex(where: { $0.isHeader(like: .scope(key, operators: 0)) })
    else { return nil }
    return rows[..<position].last { $0.layerIndex != nil }?.layerIndex
  }
}

extension OperatorRow {
  /// The layer of a layer header row.
  var layerIndex: Int? {
    if case .layer(let index, _, _) = self { return index }
    return nil
  }

  /// Whether this is the header of the same layer or scope as `other` (counts aside).
  func isHeader(like other: OperatorRow) -> Bool {
    switch (self, other) {
    case (.layer(let a, _, _), .layer(let b, _, _)): a == b
    case (.scope(let a, _), .scope(let b, _)): a == b
    default: false
    }
  }
}
