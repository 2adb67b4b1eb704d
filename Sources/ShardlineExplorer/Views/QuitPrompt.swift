/// The question asked when quitting with unsaved edits.
enum QuitPrompt {
  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let unsaved = state.documents.filter(\.isDirty).map(\.title)
    let box = area.centered(width: 56, height: 6)
    buffer.fill(box, style: .plain)
    let inside = buffer.box(box, title: "Unsaved edits", style: theme.error)
    buffer.put(" " + unsaved.joined(separator: ", ") + " has unsaved edits.", in: inside.row(0))
    buffer.put(" Save before quitting?", in: inside.row(1))
    buffer.put(
      " y save and quit   n quit without saving   Esc stay", in: inside.row(3), style: theme.title)
  }
}
