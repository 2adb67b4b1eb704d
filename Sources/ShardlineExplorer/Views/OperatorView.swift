import ShardlineHardware
import ShardlinePlan

/// One op: what it is, the strategy chosen and why, and every strategy it could take with its
/// compute, communication and resharding cost (the rest of the stage fixed).
enum OperatorView {
  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    guard let node = state.selectedOperator,
      let inspection = state.document.inspections[state.selectedStage],
      let op = inspection.operators.first(where: { $0.node == node })
    else {
      buffer.put(
        " Open an op from the stage view (3, then Enter on an op row).", in: area,
        style: theme.muted)
      return
    }
    let parts = Layout.vertical([.length(6), .fill(1)]).split(area)
    let header = buffer.box(parts[0], title: "Operator \(op.name)", style: theme.border)
    let plan = state.document.plan
    let mesh = plan.stages[safe: state.selectedStage]?.logicalShape.description ?? "?"
    buffer.put(
      " \(op.type) · \(op.phase) · layer \(plan.layerName(op.layer)) · stage "
        + "\(state.selectedStage) on a \(mesh) mesh · result \(Format.bytes(op.outputBytesPerDevice))/device",
      in: header.row(0))
    buffer.put(
      " chosen: \(op.strategy) → \(op.spec)" + (op.isPinned ? "  (pinned: P unpins)" : ""),
      in: header.row(1), style: op.isPinned ? theme.accent : theme.title)
    buffer.put(" why: \(inspection.reason(for: node))", in: header.row(2))
    let collectives = op.collectives.map { "\($0)" }.joined(separator: ", ")
    buffer.put(
      " communication: " + (collectives.isEmpty ? "none" : collectives), in: header.row(3),
      style: theme.muted)
    renderAlternatives(
      state, inspection.alternatives(for: node), in: parts[1], into: &buffer, theme: theme)
  }

  private static func renderAlternatives(
    _ state: ExplorerState, _ alternatives: [OperatorAlternative], in area: Rect,
    into buffer: inout CellBuffer, theme: Theme
  ) {
    let chosen = alternatives.first { $0.isChosen }
    let rows = alternatives.map { choice in
      [
        (choice.isChosen ? "✓ " : "  ") + choice.strategy, choice.spec.description,
        Format.seconds(choice.computeSeconds), Format.seconds(choice.communicationSeconds),
        Format.seconds(choice.operandReshardingSeconds),
        Format.seconds(choice.resultReshardingSeconds), Format.seconds(choice.totalSeconds),
        chosen.map {
          choice.isChosen ? "chosen" : signed(choice.objectiveSeconds - $0.objectiveSeconds)
        }
          ?? "",
      ]
    }
    let widget = TableWidget(
      columns: [
        .init("strategy", .fill(3)), .init("spec", .length(7)),
        .init("compute", .length(9), .right), .init("comm", .length(9), .right),
        .init("operands", .length(9), .right), .init("result", .length(9), .right),
        .init("total", .length(9), .right), .init("vs chosen", .length(10), .right),
      ],
      rows: rows,
      rowStyles: alternatives.map { $0.isChosen ? theme.title : nil },
      selected: state.selectedAlternative)
    let inside = buffer.box(
      area,
      title: "Strategies (\(alternatives.count)) · p pins the one under the cursor · "
        + widget.rangeLabel(height: area.height - 2),
      style: theme.focusedBorder)
    widget.render(in: inside, into: &buffer, theme: theme)
  }

  /// `+1.20 ms` or `−0.40 ms`: how much more (less) the stage would cost with this choice, as
  /// the ILP weighs it.
  private static func signed(_ seconds: Double) -> String {
    (seconds < 0 ? "−" : "+") + Format.seconds(abs(seconds))
  }
}
