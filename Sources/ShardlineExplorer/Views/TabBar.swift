/// The top line: the views with their digit keys, and the active plan's name with `*` when it
/// has unsaved edits. Narrow terminals drop the `Shardline` label to keep every tab.
enum TabBar {
  /// The columns kept for the plan's name before the `Shardline` label is dropped.
  static let minimumNameWidth = 12

  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    buffer.fill(area, style: theme.selection)
    var x = area.x
    let labels = ExplorerPage.allCases.map { " \($0.shortcut) \($0) " }
    let brand = " Shardline "
    // The brand goes first when the tabs leave too little room for the plan's name.
    let tabsWidth = labels.reduce(0) { $0 + $1.count }
    if brand.count + tabsWidth + minimumNameWidth <= area.width {
      x = buffer.put(
        brand, x: x, y: area.y, style: theme.selection.patched(with: CellStyle(bold: true)),
        clip: area)
    }
    for (page, label) in zip(ExplorerPage.allCases, labels) {
      let style = page == state.page ? CellStyle(bold: true, underline: true) : theme.selection
      x = buffer.put(label, x: x, y: area.y, style: style, clip: area)
    }
    let document = state.document
    var name = document.title + (document.isDirty ? " *" : "")
    if state.documents.count > 1 { name += "  [\(state.active + 1)/\(state.documents.count)]" }
    let right = Rect(x: x + 1, y: area.y, width: area.maxX - x - 2, height: 1)
    buffer.put(name, in: right, style: theme.selection, alignment: .right)
  }
}
