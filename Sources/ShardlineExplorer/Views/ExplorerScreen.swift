/// Draws the whole explorer for a state: the tab bar, the active view, the status line and the
/// footer of keys, then any overlay. A terminal smaller than the minimum gets a message
/// instead.
public enum ExplorerScreen {
  /// The smallest terminal the explorer draws in.
  public static let minimumSize = (width: 80, height: 24)

  /// A frame of `width` × `height` showing `state`.
  public static func render(_ state: ExplorerState, width: Int, height: Int) -> CellBuffer {
    var buffer = CellBuffer(width: width, height: height)
    render(state, into: &buffer)
    return buffer
  }

  /// Draws `state` over the whole of `buffer`.
  public static func render(_ state: ExplorerState, into buffer: inout CellBuffer) {
    let theme = Theme(monochrome: state.monochrome)
    guard buffer.width >= minimumSize.width && buffer.height >= minimumSize.height else {
      renderTooSmall(state, into: &buffer, theme: theme)
      return
    }
    let parts = Layout.vertical([.length(1), .fill(1), .length(1), .length(1)]).split(
      buffer.area)
    TabBar.render(state, in: parts[0], into: &buffer, theme: theme)
    let body = parts[1]
    switch state.page {
    case .overview: OverviewView.render(state, in: body, into: &buffer, theme: theme)
    case .meshMap: MeshMapView.render(state, in: body, into: &buffer, theme: theme)
    case .stage: StageView.render(state, in: body, into: &buffer, theme: theme)
    case .operator: OperatorView.render(state, in: body, into: &buffer, theme: theme)
    case .timeline: TimelineView.render(state, in: body, into: &buffer, theme: theme)
    case .compare: CompareView.render(state, in: body, into: &buffer, theme: theme)
    case .run: RunView.render(state, in: body, into: &buffer, theme: theme)
    }
    StatusLine.render(state, in: parts[2], into: &buffer, theme: theme)
    Footer.render(state, in: parts[3], into: &buffer, theme: theme)
    if let solve = state.solve {
      SolveBox.render(solve, in: body, into: &buffer, theme: theme)
    }
    switch state.overlay {
    case .help(let offset):
      HelpOverlay.render(offset: offset, in: body, into: &buffer, theme: theme)
    case .confirmQuit: QuitPrompt.render(state, in: body, into: &buffer, theme: theme)
    case .input(let input): InputPrompt.render(input, in: body, into: &buffer, theme: theme)
    case nil: break
    }
  }

  private static func renderTooSmall(
    _ state: ExplorerState, into buffer: inout CellBuffer, theme: Theme
  ) {
    let unsaved = state.documents.contains(where: \.isDirty)
    let lines = [
      "Terminal too small: \(buffer.width)×\(buffer.height).",
      "Shardline needs at least \(minimumSize.width)×\(minimumSize.height).",
      unsaved
        ? "Unsaved edits: enlarge it to save, or q twice quits without them."
        : "Enlarge the window, or press q to quit.",
    ]
    let area = buffer.area.centered(width: buffer.width, height: lines.count)
    for (index, line) in lines.enumerated() {
      buffer.put(
        line, in: area.row(index), style: index == 0 ? theme.error : .plain,
        alignment: .center)
    }
  }
}
