import ShardlinePlan

/// The mesh map: the cluster as a grid of hosts × devices, each device filled with its stage's
/// colour and labelled with it, the links between devices and hosts, and a panel on the
/// selected device's stage (beside the grid on a wide screen, under it otherwise).
enum MeshMapView {
  /// The narrowest body that gets the detail panel beside the grid rather than under it.
  static let sidePanelMinimumWidth = 120
  /// The detail panel's width beside the grid.
  static let sidePanelWidth = 46
  /// Columns of a detail line's label.
  static let labelWidth = 9

  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let plan = state.document.plan
    let device = min(max(state.selectedDevice, 0), max(plan.cluster.deviceCount - 1, 0))
    let detail = MeshMapPresentation.detail(
      plan, estimate: state.document.estimate, device: device)
    let beside = area.width >= sidePanelMinimumWidth
    let detailColumns = beside ? 1 : 2
    let detailRows = max((detail.count + detailColumns - 1) / detailColumns, 1)
    let parts =
      beside
      ? Layout.horizontal([.fill(1), .length(sidePanelWidth)]).split(area)
      : Layout.vertical([.fill(1), .length(detailRows + 2)]).split(area)
    renderCluster(plan, device: device, in: parts[0], into: &buffer, theme: theme)
    let inside = buffer.box(
      parts[1], title: MeshMapPresentation.detailTitle(plan, device: device), style: theme.border)
    let columns = Layout.horizontal(
      Array(repeating: .fill(1), count: detailColumns), spacing: 2
    ).split(inside.inset(horizontal: 1, vertical: 0))
    for (index, line) in detail.enumerated() {
      let row = columns[index / detailRows].row(index % detailRows)
      renderLine(line, in: row, into: &buffer, theme: theme)
    }
  }

  /// The cluster box: the links, then one block of two rows per host.
  private static func renderCluster(
    _ plan: Plan, device selected: Int, in area: Rect, into buffer: inout CellBuffer,
    theme: Theme
  ) {
    let cluster = plan.cluster
    let links = MeshMapPresentation.links(cluster)
    let perHost = cluster.host.devicesPerHost
    let hostLabelWidth = MeshMapPresentation.hostLabel(max(cluster.hostCount - 1, 0)).count
    let inner = area.inset()
    let parts = Layout.vertical([.length(links.count), .length(1), .fill(1)]).split(
      inner.inset(horizontal: 1, vertical: 0))
    let grid = MeshMapPresentation.grid(
      width: parts[2].width, height: parts[2].height, labelWidth: hostLabelWidth,
      hostCount: cluster.hostCount, devicesPerHost: perHost,
      selectedHost: selected / max(perHost, 1))
    buffer.box(
      area, title: MeshMapPresentation.title(cluster, grid: grid), style: theme.focusedBorder)
    for (index, line) in links.enumerated() {
      renderLine(line, in: parts[0].row(index), into: &buffer, theme: theme)
    }
    let stages = MeshMapPresentation.stagesByDevice(plan)
    let hostBlocks = Layout.vertical(
      Array(repeating: .length(MeshMapPresentation.hostRows), count: grid.visibleHosts),
      spacing: grid.hostSpacing
    ).split(parts[2])
    let widths: [Layout.Constraint] =
      [.length(hostLabelWidth)] + Array(repeating: .length(grid.cellWidth), count: perHost)
    for (offset, block) in hostBlocks.enumerated() {
      let host = grid.firstHost + offset
      let spans = Layout.horizontal(widths, spacing: 1).split(block)
      buffer.put(MeshMapPresentation.hostLabel(host), in: spans[0], style: theme.title)
      for (column, cell) in spans.dropFirst().enumerated() {
        let device = host * perHost + column
        renderDevice(
          device, stages: stages[safe: device] ?? [], selected: device == selected, in: cell,
          clip: inner, into: &buffer, theme: theme)
      }
    }
  }

  /// One device's cell: `d5` over `s1` in its stage's fill; idle devices dim; the selected one
  /// bracketed (the brackets clipped to `clip`) and in the selection style.
  private static func renderDevice(
    _ device: Int, stages: [Int], selected: Bool, in cell: Rect, clip: Rect,
    into buffer: inout CellBuffer, theme: Theme
  ) {
    guard !cell.isEmpty else { return }
    let base: CellStyle
    if stages.count > 1 {
      base = theme.error.patched(with: CellStyle(reverse: true))
    } else if let stage = stages.first {
      base = theme.stageFill(stage)
    } else {
      base = theme.muted
    }
    let style =
      selected
      ? base.patched(with: theme.selection).patched(with: CellStyle(bold: true, underline: true))
      : base
    buffer.fill(cell, style: style)
    buffer.put("d\(device)", in: cell.row(0), style: style, alignment: .center)
    buffer.put(
      MeshMapPresentation.stageLabel(stages), in: cell.row(1), style: style, alignment: .center)
    guard selected else { return }
    for row in 0..<cell.height {
      buffer.put("[", x: cell.x - 1, y: cell.y + row, style: theme.title, clip: clip)
      buffer.put("]", x: cell.maxX, y: cell.y + row, style: theme.title, clip: clip)
    }
  }

  private static func renderLine(
    _ line: MeshMapPresentation.Line, in row: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let spans = Layout.horizontal([.length(labelWidth), .fill(1)], spacing: 1).split(row)
    buffer.put(line.label, in: spans[0], style: theme.title)
    buffer.put(line.text, in: spans[1], style: line.isError ? theme.error : .plain)
  }
}
