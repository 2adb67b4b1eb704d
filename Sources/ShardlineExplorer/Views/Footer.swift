/// The bottom line: the keys that matter here, from the key table. The view's own keys come
/// first; help and quit are always shown, at the right, however narrow the terminal.
enum Footer {
  static func render(
    _ state: ExplorerState, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let bindings = KeyMap.footer(for: state)
    let isEssential = { (binding: KeyBinding) in
      binding.action == .toggleHelp || binding.action == .quit
    }
    let essentials = bindings.filter(isEssential)
    let reserved = essentials.reduce(0) { $0 + width(of: $1) }
    var x = area.x + 1
    for binding in bindings where !isEssential(binding) {
      guard x + width(of: binding) <= area.maxX - reserved else { break }
      x = draw(binding, at: x, in: area, into: &buffer, theme: theme)
    }
    x = max(x, area.maxX - reserved)
    for binding in essentials { x = draw(binding, at: x, in: area, into: &buffer, theme: theme) }
  }

  private static func width(of binding: KeyBinding) -> Int {
    binding.keys[0].description.count + binding.summary.count + 3
  }

  private static func draw(
    _ binding: KeyBinding, at x: Int, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) -> Int {
    let end = buffer.put(
      binding.keys[0].description, x: x, y: area.y, style: theme.title, clip: area)
    return buffer.put(" " + binding.summary + "  ", x: end, y: area.y, clip: area)
  }
}
