/// A one-line prompt at the bottom of the view (save as, search), with a cursor.
enum InputPrompt {
  static func render(_ input: TextInput, in area: Rect, into buffer: inout CellBuffer, theme: Theme)
  {
    let box = Rect(x: area.x, y: area.maxY - 3, width: area.width, height: 3)
    buffer.fill(box, style: .plain)
    let title =
      input.purpose == .saveAs
      ? "Save as (Enter writes, Esc cancels)" : "Search ops (Enter keeps, Esc clears)"
    let inside = buffer.box(box, title: title, style: theme.focusedBorder)
    let visible = String(input.text.suffix(max(inside.width - input.prompt.count - 3, 1)))
    let end = buffer.put(" " + input.prompt + visible, x: inside.x, y: inside.y, clip: inside)
    buffer.put(" ", x: end, y: inside.y, style: theme.selection, clip: inside)
  }
}
