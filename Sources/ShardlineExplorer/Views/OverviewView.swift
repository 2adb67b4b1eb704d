import ShardlineHardware
import ShardlinePlan

/// The overview: the plan's summary, then one row per stage with its latency and memory as
/// bars, then whatever makes the plan invalid.
enum OverviewView {
  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let document = state.document
    let summary = PlanPresentation.summary(document)
    let issues = document.estimate?.issues ?? []
    let parts = Layout.vertical([
      .length(summary.count + 2), .fill(1), .length(issues.isEmpty ? 0 : min(issues.count, 4) + 2),
    ]).split(area)
    let top = buffer.box(
      parts[0],
      title:
        "\(document.plan.model.name) on \(document.plan.cluster.hostCount) × "
        + "\(document.plan.cluster.name)",
      style: theme.border)
    for (row, line) in summary.enumerated() {
      let columns = Layout.horizontal([.length(10), .fill(1)]).split(
        top.row(row).inset(horizontal: 1, vertical: 0))
      buffer.put(line.label, in: columns[0], style: theme.title)
      let isError = line.text.hasPrefix("cannot") || line.text.hasPrefix("none")
      buffer.put(line.text, in: columns[1], style: isError ? theme.error : .plain)
    }
    renderStages(state, in: parts[1], into: &buffer, theme: theme)
    if !issues.isEmpty {
      let inside = buffer.box(
        parts[2], title: "Invalid: \(issues.count) problem\(issues.count == 1 ? "" : "s")",
        style: theme.error)
      for (row, issue) in issues.prefix(inside.height).enumerated() {
        buffer.put(" \(issue)", in: inside.row(row), style: theme.error)
      }
    }
  }

  private static func renderStages(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let plan = state.document.plan
    let estimate = state.document.estimate
    let inside = buffer.box(area, title: "Stages (Enter opens)", style: theme.focusedBorder)
    let rows = PlanPresentation.stageRows(plan)
    let latencies =
      estimate?.stages.map { PlanPresentation.latency($0, microbatches: plan.microbatches) } ?? []
    let longest = latencies.max() ?? 0
    let bad = PlanPresentation.stagesWithIssues(estimate)
    let columns = Layout.horizontal(
      [.length(5), .fill(2), .length(7), .length(8), .length(5), .fill(2), .fill(2)], spacing: 1
    ).split(inside.row(0))
    let headers = [
      "stage", "layers", "submesh", "devices", "mesh", "latency / microbatch", "memory / device",
    ]
    for (title, column) in zip(headers, columns) {
      buffer.put(title, in: column, style: theme.header)
    }
    let body = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1)
    let first = TableWidget.firstVisibleRow(
      selected: state.selectedStage, count: rows.count, height: body.height)
    for offset in 0..<min(body.height, rows.count - first) {
      let index = first + offset
      let line = body.row(offset)
      let selected = index == state.selectedStage
      let base = bad.contains(index) ? theme.error : CellStyle.plain
      let style = selected ? base.patched(with: theme.selection) : base
      let spans = Layout.horizontal(
        [.length(5), .fill(2), .length(7), .length(8), .length(5), .fill(2), .fill(2)], spacing: 1
      ).split(line)
      if selected { buffer.fill(line, style: style) }
      for (text, span) in zip(rows[index], spans) { buffer.put(text, in: span, style: style) }
      guard let cost = estimate?.stages[safe: index] else {
        buffer.put("not priced", in: spans[5], style: theme.error)
        continue
      }
      drawBar(
        fraction: longest > 0 ? latencies[index] / longest : 0,
        label: Format.seconds(latencies[index]), in: spans[5], into: &buffer,
        style: theme.stage(index), textStyle: style)
      let over = cost.peakBytes > cost.capacityBytes
      drawBar(
        fraction: cost.peakBytes / cost.capacityBytes,
        label: Format.bytes(cost.peakBytes),
        in: spans[6], into: &buffer, style: over ? theme.error : theme.stage(index),
        textStyle: over ? theme.error : style)
    }
  }

  /// A bar followed by its label: the label takes what it needs, the bar the rest.
  static func drawBar(
    fraction: Double, label: String, in area: Rect, into buffer: inout CellBuffer,
    style: CellStyle, textStyle: CellStyle
  ) {
    let parts = Layout.horizontal([.fill(1), .length(label.count)], spacing: 1).split(area)
    buffer.bar(
      fraction, in: parts[0], style: style, track: "·",
      trackStyle: textStyle.patched(with: CellStyle(dim: true)))
    buffer.put(label, in: parts[1], style: textStyle)
  }
}
