/// The top line: the views with their digit keys, and the active plan's name with `*` when it
/// has unsaved edits.
enum TabBar {
  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    buffer.fill(area, style: theme.selection)
    var x = area.x
    x = buffer.put(
      " Shardline ", x: x, y: area.y, style: theme.selection.patched(with: CellStyle(bold: true)),
      clip: area)
    for page in ExplorerPage.allCases {
      let label = " \(page.shortcut) \(page) "
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
