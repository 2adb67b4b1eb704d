/// The compare view: the active plan against the plan `state.comparison` names, as totals and
/// stage by stage, each change styled better or worse, then what makes either plan invalid.
enum CompareView {
  /// The totals box's rows: a header, then the six figures.
  static let totalsRows = 7
  /// The most issue lines shown.
  static let maximumIssues = 4

  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let (current, reference) = ComparePresentation.sides(state)
    let issues = ComparePresentation.issues(current: current, reference: reference)
    let parts = Layout.vertical([
      .length(1), .length(totalsRows + 2), .fill(1),
      .length(issues.isEmpty ? 0 : min(issues.count, maximumIssues) + 2),
    ]).split(area)
    buffer.put(
      " " + ComparePresentation.heading(state), in: parts[0], style: theme.title)
    let totals = buffer.box(parts[1], title: "Totals", style: theme.border)
    renderTotals(
      ComparePresentation.totals(current: current, reference: reference),
      names: (current.name, reference.name), in: totals.inset(horizontal: 1, vertical: 0),
      into: &buffer, theme: theme)
    let stages = buffer.box(parts[2], title: "Stages", style: theme.focusedBorder)
    renderStages(
      ComparePresentation.stageRows(current: current, reference: reference),
      names: (current.shortName, reference.shortName), selected: state.selectedStage,
      in: stages.inset(horizontal: 1, vertical: 0),
      into: &buffer, theme: theme)
    if !issues.isEmpty {
      let inside = buffer.box(parts[3], title: "Invalid", style: theme.error)
      for (row, issue) in issues.prefix(inside.height).enumerated() {
        buffer.put(" \(issue)", in: inside.row(row), style: theme.error)
      }
    }
  }

  /// The figures, the other plan's value first: the change reads from left to right.
  private static func renderTotals(
    _ figures: [ComparePresentation.Figure], names: (current: String, reference: String),
    in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let columns = Layout.horizontal(
      [.length(14), .length(20), .length(20), .length(10), .fill(1)], spacing: 2)
    let header = columns.split(area.row(0))
    for (title, span) in zip(["", names.reference, names.current, "change"], header) {
      buffer.put(title, in: span, style: theme.header, alignment: .right)
    }
    for (index, figure) in figures.enumerated() {
      let spans = columns.split(area.row(index + 1))
      buffer.put(figure.label, in: spans[0], style: theme.title)
      renderFigure(figure, in: Array(spans[1...3]), base: .plain, into: &buffer, theme: theme)
    }
  }

  /// A group header (latency, memory), the column headers, then one row per stage, scrolled
  /// so the selected stage is shown.
  private static func renderStages(
    _ rows: [ComparePresentation.StageRow], names: (current: String, reference: String),
    selected: Int, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    // Stage, layers, submesh, then each figure's other value, active value and change; the
    // layers column takes what the others leave, up to its longest label (by name when every
    // name fits, else by number) or its header.
    let meshWidth = max(rows.map(\.submesh.count).max() ?? 0, 4)
    let widths = ["s\(max(rows.count - 1, 0))".count, 0, meshWidth, 9, 9, 8, 8, 8, 8]
    let spare = max(area.width - widths.reduce(0, +) - widths.count, 0)
    let byName = (rows.map(\.layers.count).max() ?? 0) <= spare
    let layers = rows.map { byName ? $0.layers : $0.layerNumbers }
    let layersWidth = min(max(layers.map(\.count).max() ?? 0, 6), spare)
    let constraints = widths.indices.map {
      Layout.Constraint.length($0 == 1 ? layersWidth : widths[$0])
    }
    let columns = Layout.horizontal(constraints + [.fill(1)], spacing: 1)
    let lines = Layout.vertical([.length(1), .length(1), .fill(1)]).split(area)
    let groups = columns.split(lines[0])
    for (title, range) in [("latency / microbatch", 3...5), ("memory / device", 6...8)] {
      let span = Rect(
        x: groups[range.lowerBound].x, y: lines[0].y,
        width: groups[range.upperBound].maxX - groups[range.lowerBound].x, height: 1)
      buffer.fill(span, with: "─", style: theme.muted)
      buffer.put(
        " \(CellBuffer.fit(title, width: span.width - 2)) ", in: span, style: theme.title,
        alignment: .center)
    }
    let figureTitles = [names.reference, names.current, "change"]
    let titles = ["", "layers", "mesh"] + figureTitles + figureTitles
    for (index, (title, span)) in zip(titles, columns.split(lines[1])).enumerated() {
      buffer.put(title, in: span, style: theme.header, alignment: index < 3 ? .left : .right)
    }
    let body = lines[2]
    let first = TableWidget.firstVisibleRow(
      selected: selected, count: rows.count, height: body.height)
    for offset in 0..<min(body.height, rows.count - first) {
      let row = rows[first + offset]
      let line = body.row(offset)
      let base = row.stage == selected ? theme.selection : CellStyle.plain
      if row.stage == selected { buffer.fill(line, style: base) }
      let spans = columns.split(line)
      buffer.put("s\(row.stage)", in: spans[0], style: base.patched(with: theme.title))
      buffer.put(layers[first + offset], in: spans[1], style: base)
      buffer.put(row.submesh, in: spans[2], style: base)
      renderFigure(row.latency, in: Array(spans[3...5]), base: base, into: &buffer, theme: theme)
      renderFigure(row.memory, in: Array(spans[6...8]), base: base, into: &buffer, theme: theme)
    }
  }

  /// Draws a figure's values (the other plan's first) and its change into three spans,
  /// right-aligned: a value over its limit as an error, the change better or worse.
  private static func renderFigure(
    _ figure: ComparePresentation.Figure, in spans: [Rect], base: CellStyle,
    into buffer: inout CellBuffer, theme: Theme
  ) {
    let current = figure.currentExceeds ? base.patched(with: theme.error) : base
    let reference = figure.referenceExceeds ? base.patched(with: theme.error) : base
    let change: CellStyle
    switch figure.trend {
    case .better: change = base.patched(with: theme.better)
    case .worse: change = base.patched(with: theme.worse)
    case .neutral: change = base
    }
    buffer.put(figure.reference, in: spans[0], style: reference, alignment: .right)
    buffer.put(figure.current, in: spans[1], style: current, alignment: .right)
    buffer.put(figure.change, in: spans[2], style: change, alignment: .right)
  }
}
