import ShardlinePlan

/// The timeline: a Gantt chart of one simulated iteration, one row per stage, over the window
/// the viewport selects, with a time axis above, the figures of the schedule over it and a
/// legend under it. With ``TimelineViewport/showsMeasured`` it charts the last step of the
/// last run instead, as measured on this machine's CPU.
enum TimelineView {
  /// The most lines a stage's bar takes.
  static let maximumBarHeight = 3

  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let measured = state.timeline.showsMeasured ? state.run.flatMap(\.measuredRun) : nil
    guard let timeline = measured?.timeline ?? state.document.timeline else {
      renderMissing(state.document, in: area, into: &buffer, theme: theme)
      return
    }
    let parts = Layout.vertical([.length(1), .fill(1), .length(1)]).split(
      area.inset(horizontal: 1, vertical: 0))
    buffer.put(
      TimelinePresentation.summary(timeline, viewport: state.timeline), in: parts[0],
      style: theme.title)
    let title =
      measured.map { TimelinePresentation.measuredTitle(of: $0) }
      ?? TimelinePresentation.title(timeline)
    let inside = buffer.box(parts[1], title: title, style: theme.focusedBorder)
    renderChart(
      timeline, state: state, in: inside.inset(horizontal: 1, vertical: 0), into: &buffer,
      theme: theme)
    renderLegend(stage: state.selectedStage, in: parts[2], into: &buffer, theme: theme)
  }

  /// The axis rows, then one bar per stage: as tall as fits (up to ``maximumBarHeight``) with
  /// a line between bars, else one line each, packed and scrolled so the selected stage is
  /// shown.
  private static func renderChart(
    _ timeline: PipelineTimeline, state: ExplorerState, in area: Rect,
    into buffer: inout CellBuffer, theme: Theme
  ) {
    let labelWidth = "s\(max(timeline.stageCount - 1, 0))".count + 2
    let columns: [Layout.Constraint] = [.length(labelWidth), .fill(1)]
    let rows = Layout.vertical([.length(1), .length(1), .fill(1)]).split(area)
    let labels = Layout.horizontal(columns, spacing: 1).split(rows[0])[1]
    let axis = Layout.horizontal(columns, spacing: 1).split(rows[1])[1]
    let window = TimelinePresentation.window(timeline, viewport: state.timeline)
    buffer.fill(axis, with: "─", style: theme.muted)
    for tick in TimelinePresentation.ticks(window: window, columns: axis.width) {
      buffer.put(
        tick.label, x: labels.x + tick.column, y: labels.y, style: theme.muted, clip: labels)
      buffer.put("┬", x: axis.x + tick.column, y: axis.y, style: theme.muted, clip: axis)
    }
    let count = timeline.stageCount
    let barHeight = (1...maximumBarHeight).last { count * ($0 + 1) - 1 <= rows[2].height }
    let first =
      barHeight == nil
      ? TableWidget.firstVisibleRow(
        selected: state.selectedStage, count: count, height: rows[2].height) : 0
    let bars = Layout.vertical(
      Array(repeating: .length(barHeight ?? 1), count: min(rows[2].height, count - first)),
      spacing: barHeight == nil ? 0 : 1
    ).split(rows[2])
    for (offset, bar) in bars.enumerated() {
      let stage = first + offset
      let spans = Layout.horizontal(columns, spacing: 1).split(bar)
      buffer.put(" s\(stage)", in: spans[0].row(spans[0].height / 2), style: theme.title)
      if stage == state.selectedStage { buffer.restyle(spans[0], with: theme.selection) }
      let glyphs = TimelinePresentation.row(
        timeline, stage: stage, window: window, columns: spans[1].width)
      for (column, glyph) in glyphs.enumerated() {
        let cell = Cell(glyph.character, style: style(glyph, stage: stage, theme: theme))
        for line in spans[1].y..<spans[1].maxY { buffer[spans[1].x + column, line] = cell }
      }
    }
  }

  /// A forward is the stage's colour, a backward the same reversed, an update bold, idle time
  /// dim: forward and backward differ without colour too.
  private static func style(_ glyph: TimelinePresentation.Glyph, stage: Int, theme: Theme)
    -> CellStyle
  {
    switch glyph {
    case .forward: theme.stage(stage)
    case .backward: theme.stage(stage).patched(with: CellStyle(reverse: true))
    case .update: theme.stage(stage).patched(with: CellStyle(bold: true, underline: true))
    case .idle: theme.bubble
    }
  }

  private static func renderLegend(
    stage: Int, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let entries: [(TimelinePresentation.Glyph, String)] = [
      (.forward(microbatch: 3), "forward of microbatch 3"),
      (.backward(microbatch: 3), "backward"),
      (.update, "update"),
      (.idle, "idle (bubble)"),
    ]
    var x = area.x
    for (glyph, text) in entries {
      x = buffer.put(
        String(glyph.character), x: x, y: area.y, style: style(glyph, stage: stage, theme: theme),
        clip: area)
      x = buffer.put(" \(text)   ", x: x, y: area.y, style: theme.muted, clip: area)
    }
  }

  private static func renderMissing(
    _ document: PlanDocument, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let inside = buffer.box(area, title: "No timeline", style: theme.error)
    let reasons = TimelinePresentation.reasons(document)
    for (row, reason) in reasons.prefix(inside.height).enumerated() {
      buffer.put(" \(reason)", in: inside.row(row), style: theme.error)
    }
  }
}
