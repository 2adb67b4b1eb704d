/// What the explorer's loop needs of a terminal: its size, showing a frame, and reading keys.
///
/// ``CursesTerminal`` is the real one; ``MemoryTerminal`` keeps frames in memory for tests.
@MainActor
public protocol Terminal: AnyObject {
  /// Columns and rows.
  var size: (width: Int, height: Int) { get }
  /// Whether colours can be shown (false on a monochrome terminal or with `NO_COLOR`).
  var supportsColor: Bool { get }
  /// Shows `frame`.
  func draw(_ frame: CellBuffer)
  /// The next key, waiting at most `timeoutMilliseconds`; `nil` when none came.
  func readKey(timeoutMilliseconds: Int) -> Key?
}
