import ShardlineHardware
import ShardlinePlan

/// One stage: where its time and memory go, then its operator table (folded by layer, sorted,
/// filtered and searched as the table's state says).
enum StageView {
  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let document = state.document
    let plan = document.plan
    guard let stage = plan.stages[safe: state.selectedStage] else {
      buffer.put("The plan has no stage \(state.selectedStage).", in: area, style: theme.error)
      return
    }
    let parts = Layout.vertical([.length(5), .fill(1)]).split(area)
    let title =
      "Stage \(state.selectedStage) of \(plan.stages.count) · \(plan.layerRangeLabel(ofStage: state.selectedStage)) · "
      + "\(stage.submesh) submesh \(stage.deviceLabel) · mesh \(stage.logicalShape)"
    let summary = buffer.box(
      parts[0], title: title,
      style: state.focusedPane == 1 ? theme.focusedBorder : theme.border)
    renderBreakdowns(state, in: summary, into: &buffer, theme: theme)
    renderOperators(state, in: parts[1], into: &buffer, theme: theme)
  }

  private static func renderBreakdowns(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let document = state.document
    let index = state.selectedStage
    guard let cost = document.estimate?.stages[safe: index] else {
      let reason =
        document.estimate?.issues.first { $0.stage == index }?.description
        ?? document.evaluationError ?? "the plan is too broken to price stages"
      buffer.put(" not priced: \(reason)", in: area.row(0), style: theme.error)
      return
    }
    let time = StagePresentation.timeParts(
      cost, index: index, plan: document.plan, timeline: document.timeline)
    renderParts("time", time, format: Format.seconds, in: area.row(0), into: &buffer, theme: theme)
    let memory = StagePresentation.memoryParts(cost)
    renderParts(
      "memory", memory, format: Format.bytes, in: area.row(1), into: &buffer, theme: theme)
    let over = cost.peakBytes > cost.capacityBytes
    let peak =
      " peak \(Format.bytes(cost.peakBytes)) of \(Format.bytes(cost.capacityBytes)) per device"
      + (over ? ": \(Format.bytes(cost.peakBytes - cost.capacityBytes)) over" : "")
      + " · fwd \(Format.seconds(cost.forwardSeconds)) bwd \(Format.seconds(cost.backwardSeconds))"
      + " per microbatch · update \(Format.seconds(cost.updateSeconds))"
    buffer.put(peak, in: area.row(2), style: over ? theme.error : theme.muted)
  }

  /// A labelled stacked bar of `parts`, then each part's name and amount.
  private static func renderParts(
    _ label: String, _ parts: [StagePresentation.Part], format: (Double) -> String,
    in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let columns = Layout.horizontal([.length(7), .percentage(25), .fill(1)], spacing: 1).split(
      area)
    buffer.put(" " + label, in: columns[0], style: theme.title)
    buffer.fill(columns[1], with: "·", style: theme.muted)
    var x = columns[1].x
    for (position, part) in parts.enumerated() {
      let width = Int((part.fraction * Double(columns[1].width)).rounded())
      let glyph: Unicode.Scalar = ["█", "▓", "▒", "░", "·"][min(position, 4)]
      buffer.fill(
        Rect(x: x, y: area.y, width: min(width, columns[1].maxX - x), height: 1),
        with: glyph, style: theme.stage(position))
      x += width
    }
    let text = parts.filter { $0.amount > 0 }.map { "\($0.name) \(format($0.amount))" }
      .joined(separator: " · ")
    buffer.put(text, in: columns[2])
  }

  private static func renderOperators(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let document = state.document
    guard document.inspections[state.selectedStage] != nil else {
      let inside = buffer.box(area, title: "Operators", style: theme.border)
      buffer.put(
        " the stage's ops could not be priced (see the status line)", in: inside.row(0),
        style: theme.error)
      return
    }
    let table = state.operatorTable
    let rows = state.operatorRows()
    let wide = area.width >= 120
    var columns: [TableWidget.Column] = [
      .init("name", .fill(3)), .init("type", .fill(2)), .init("spec", .length(6)),
    ]
    if wide { columns.append(.init("strategy", .fill(2))) }
    columns += [
      .init("compute", .length(9), .right), .init("comm", .length(9), .right),
      .init("memory", .length(9), .right),
    ]
    // Only the rows on screen are formatted: a stage can list thousands of ops.
    let shown = max(area.height - 3, 0)
    let first = TableWidget.firstVisibleRow(
      selected: table.cursor, count: rows.count, height: shown)
    var cells: [[String]] = []
    var styles: [CellStyle?] = []
    for row in rows[first..<min(first + shown, rows.count)] {
      switch row {
      case .layer(let layer, let name, let count):
        cells.append(
          StagePresentation.cells(
            layer: name, operators: count, expanded: table.expandedLayers.contains(layer)))
        styles.append(theme.title)
      case .scope(let key, let count):
        cells.append(
          StagePresentation.cells(
            scope: key, operators: count, expanded: table.expandedScopes.contains(key)))
        styles.append(theme.title)
      case .operator(let op):
        var row = StagePresentation.cells(op, grouped: table.groupsByLayer)
        if !wide { row.remove(at: 3) }
        cells.append(row)
        styles.append(op.isPinned ? theme.accent : nil)
      }
    }
    let widget = TableWidget(
      columns: columns, rows: cells, rowStyles: styles, selected: table.cursor - first,
      showsSelection: state.focusedPane == 0)
    var title = "Operators · \(table.sort)"
    if let phase = table.phase { title += " · \(phase) only" }
    if !table.query.isEmpty { title += " · /\(table.query)" }
    let inside = buffer.box(
      area,
      title: "\(title) · \(TableWidget.rangeLabel(first: first, shown: shown, count: rows.count))",
      style: state.focusedPane == 0 ? theme.focusedBorder : theme.border)
    if rows.isEmpty {
      buffer.put(" no op matches", in: inside.row(1), style: theme.muted)
    }
    widget.render(in: inside, into: &buffer, theme: theme)
  }
}
