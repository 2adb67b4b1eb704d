import ShardlineHardware

/// Moving between views and the cursor inside each.
extension ExplorerState {
  /// Rows a page-up or page-down moves.
  static let pageRows = 10

  mutating func move(_ action: ExplorerAction) {
    if case .help(let offset) = overlay {
      let step = action == .moveUp || action == .pageUp ? -1 : 1
      overlay = .help(
        offset: max(
          offset + step * (action == .pageUp || action == .pageDown ? Self.pageRows : 1), 0))
      return
    }
    let vertical: Int
    switch action {
    case .moveUp: vertical = -1
    case .moveDown: vertical = 1
    case .pageUp: vertical = -Self.pageRows
    case .pageDown: vertical = Self.pageRows
    case .home: vertical = Int.min / 2
    case .end: vertical = Int.max / 2
    default: vertical = 0
    }
    let horizontal = action == .moveLeft ? -1 : action == .moveRight ? 1 : 0
    switch page {
    case .overview, .compare:
      if vertical != 0 { selectStage(clamped(selectedStage, by: vertical, count: stageCount)) }
    case .meshMap: moveDeviceCursor(vertical: vertical, horizontal: horizontal)
    case .stage:
      if focusedPane == 1 {
        if vertical != 0 { selectStage(clamped(selectedStage, by: vertical, count: stageCount)) }
      } else if vertical != 0 {
        operatorTable.cursor = clamped(
          operatorTable.cursor, by: vertical, count: operatorRows().count)
      } else if horizontal != 0 {
        foldLayerUnderCursor(expand: horizontal > 0)
      }
    case .operator:
      if vertical != 0 {
        selectedAlternative = clamped(
          selectedAlternative, by: vertical, count: alternatives().count)
      }
    case .timeline:
      if vertical != 0 { selectStage(clamped(selectedStage, by: vertical, count: stageCount)) }
      if horizontal != 0 { scrollTimeline(by: horizontal) }
    case .run: break
    }
  }

  mutating func open() {
    switch page {
    case .overview, .meshMap, .timeline, .compare:
      guard stageCount > 0 else { return }
      show(.stage)
    case .stage:
      guard let row = operatorRows()[safe: operatorTable.cursor] else { return }
      switch row {
      case .layer, .scope:
        toggle(row)
      case .operator(let op):
        selectedOperator = op.node
        selectedAlternative = alternatives().firstIndex { $0.isChosen } ?? 0
        show(.operator)
      }
    case .operator, .run:
      break
    }
  }

  mutating func back() {
    if overlay != nil {
      overlay = nil
      return
    }
    guard let previous = history.popLast() else { return }
    page = previous
    focusedPane = 0
  }

  mutating func show(_ target: ExplorerPage) {
    guard target != page else { return }
    if target == .operator && selectedOperator == nil {
      status = StatusMessage("open an op from the stage view first (Enter on its row)")
      return
    }
    history.append(page)
    if history.count > 32 { history.removeFirst() }
    page = target
    status = nil
    focusedPane = 0
    if target == .stage { prepareStage() }
  }

  mutating func switchDocument(by step: Int) {
    guard documents.count > 1 else {
      status = StatusMessage("only one plan is open")
      return
    }
    active = (active + step + documents.count) % documents.count
    selectStage(min(selectedStage, max(stageCount - 1, 0)))
    comparison = .asSaved
    status = StatusMessage("showing \(document.title)")
  }

  /// Stages of the active plan.
  var stageCount: Int { document.plan.stages.count }

  /// Selects stage `stage` and resets what depends on it.
  mutating func selectStage(_ stage: Int) {
    guard stage != selectedStage else { return }
    selectedStage = stage
    operatorTable.cursor = 0
    operatorTable.expandedLayers = []
    operatorTable.expandedScopes = []
    selectedOperator = nil
    if let first = document.plan.stages[safe: stage]?.devices.first {
      selectedDevice = first.rawValue
    }
    if page == .stage { prepareStage() }
  }

  private mutating func moveDeviceCursor(vertical: Int, horizontal: Int) {
    let cluster = document.plan.cluster
    let perHost = cluster.host.devicesPerHost
    var host = selectedDevice / perHost
    var device = selectedDevice % perHost
    host = min(
      max(host + max(min(vertical, 1), -1) * (abs(vertical) > 1 ? cluster.hostCount : 1), 0),
      cluster.hostCount - 1)
    device = min(max(device + horizontal, 0), perHost - 1)
    selectedDevice = host * perHost + device
    if let stage = document.plan.stages.firstIndex(where: {
      $0.devices.contains(DeviceID(selectedDevice))
    }) {
      selectStage(stage)
      selectedDevice = host * perHost + device
    }
  }

  private func clamped(_ value: Int, by step: Int, count: Int) -> Int {
    guard count > 0 else { return 0 }
    let moved = step > 0 ? value.addingReportingOverflow(step).partialValue : value + step
    return min(max(moved, 0), count - 1)
  }
}

extension Array {
  /// The element at `index`, or `nil` when out of range.
  subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
