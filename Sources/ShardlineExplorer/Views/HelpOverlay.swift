/// The `?` overlay: every key binding, by context, from the key table.
enum HelpOverlay {
  /// The help's lines: a heading per context, then `key  summary` rows.
  static func lines() -> [(text: String, isHeading: Bool)] {
    var lines: [(String, Bool)] = []
    for context in KeyContext.allCases {
      let bindings = KeyMap.bindings(context)
      guard !bindings.isEmpty else { continue }
      if !lines.isEmpty { lines.append(("", false)) }
      lines.append((context.description, true))
      for binding in bindings {
        lines.append(
          (
            "  " + binding.keyLabel.padding(toLength: 14, withPad: " ", startingAt: 0)
              + binding.summary, false
          ))
      }
    }
    return lines
  }

  static func render(offset: Int, in area: Rect, into buffer: inout CellBuffer, theme: Theme) {
    let box = area.centered(width: 60, height: area.height)
    buffer.fill(box, style: .plain)
    let inside = buffer.box(box, title: "Keys (Esc closes, ↑↓ scroll)", style: theme.focusedBorder)
    let all = lines()
    let first = min(offset, max(all.count - inside.height, 0))
    for row in 0..<inside.height {
      guard let line = all[safe: first + row] else { break }
      buffer.put(
        line.text, in: inside.row(row).inset(horizontal: 1, vertical: 0),
        style: line.isHeading ? theme.title : .plain)
    }
  }
}
