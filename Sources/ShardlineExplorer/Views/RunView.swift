/// The Run view: the active plan's training steps on this machine's CPU, with a progress bar,
/// the loss as a sparkline, the step time, and each stage's measured computing time next to
/// the plan's estimate (made for the plan's cluster).
enum RunView {
  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let inside = buffer.box(area, title: "Run on CPU", style: theme.focusedBorder)
      .inset(horizontal: 1, vertical: 0)
    guard let run = state.run else {
      let lines = [
        "No run yet.",
        "x runs \(state.runSteps) training steps of \(state.document.title) on this machine's "
          + "CPU, one thread per device of the plan; [ and ] change the count.",
        "Parameters and the batch are drawn from seed 1, as `shardline run` does.",
      ]
      let rows = Layout.vertical([.length(1), .length(1), .fill(1)]).split(inside)
      buffer.put(lines[0], in: rows[1], style: theme.title)
      for (index, line) in lines.dropFirst().flatMap({
        RunPresentation.wrap($0, width: inside.width)
      }).enumerated() {
        buffer.put(line, in: rows[2].row(index))
      }
      return
    }
    let errorLines: [String]
    if case .failed(let message) = run.phase {
      errorLines = RunPresentation.wrap(message, width: inside.width)
    } else {
      errorLines = []
    }
    let rows = Layout.vertical([
      .length(1), .length(1), .length(errorLines.count), .length(1), .length(1), .length(1),
      .length(1), .fill(1),
    ]).split(inside)
    buffer.put(
      "\(run.title) on \(run.deviceCount) CPU device(s) · \(RunPresentation.phase(run))",
      in: rows[0], style: theme.title)

    let count = "\(run.stepsDone)/\(run.steps) steps"
    let bar = Layout.horizontal([.fill(1), .length(count.count)], spacing: 1).split(rows[1])
    buffer.bar(
      Double(run.stepsDone) / Double(max(run.steps, 1)), in: bar[0], style: theme.accent,
      track: "·", trackStyle: theme.muted)
    buffer.put(count, in: bar[1], alignment: .right)
    for (index, line) in errorLines.enumerated() {
      buffer.put(line, in: rows[2].row(index), style: theme.error)
    }

    let label = "loss       "
    let sparkline = Self.value(rows[3], label: label)
    buffer.put("loss", in: rows[3], style: theme.header)
    buffer.put(
      RunPresentation.sparkline(run.losses, width: sparkline.width), in: sparkline,
      style: theme.accent)
    buffer.put(RunPresentation.lossSummary(run), in: Self.value(rows[4], label: label))
    buffer.put("step time", in: rows[5], style: theme.header)
    buffer.put(RunPresentation.stepTime(run), in: Self.value(rows[5], label: label))
    if let rehearsal = run.rehearsal {
      buffer.put(rehearsal, in: rows[6], style: theme.muted)
    }

    TableWidget(
      columns: [
        .init("stage", .length(6)),
        .init("computing on CPU (last step)", .fill(1), .right),
        .init("estimate (\(run.cluster))", .fill(1), .right),
      ], rows: RunPresentation.stageRows(run), showsSelection: false
    ).render(in: rows[7], into: &buffer, theme: theme)
  }

  /// The part of `row` right of a label's width.
  private static func value(_ row: Rect, label: String) -> Rect {
    Layout.horizontal([.length(label.count), .fill(1)]).split(row)[1]
  }
}
