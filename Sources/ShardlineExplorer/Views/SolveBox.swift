import Foundation

/// The progress box of a background re-solve, in the view's top-right corner so the view stays
/// usable beneath it.
enum SolveBox {
  static func render(
    _ solve: SolveStatus, in area: Rect, into buffer: inout CellBuffer, theme: Theme
  ) {
    let width = min(max(solve.title.count, solve.progress.count) + 6, area.width)
    let box = Rect(x: area.maxX - width, y: area.y, width: width, height: 4)
    buffer.fill(box, style: .plain)
    let inside = buffer.box(box, title: solve.title, style: theme.accent)
    let spinner = ["|", "/", "-", "\\"][Int(solve.elapsedSeconds * 4) % 4]
    buffer.put("\(spinner) \(solve.progress)", in: inside.row(0))
    buffer.put(
      String(format: "%.1f s · Esc cancels", solve.elapsedSeconds), in: inside.row(1),
      style: theme.muted)
  }
}
