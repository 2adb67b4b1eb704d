import CNcurses
import Foundation

/// Why the terminal could not be taken over.
public enum TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
  /// ncurses knows no terminal by the `TERM` given.
  case unknownTerminal(term: String)

  /// One line for the person at the terminal.
  public var description: String {
    switch self {
    case .unknownTerminal(let term):
      "cannot start the terminal: TERM '\(term)' is not a terminal ncurses knows"
    }
  }
}

/// The real terminal, through ncursesw: the only Swift code that calls ncurses.
///
/// It takes over the screen when created (cbreak, no echo, keypad keys, hidden cursor, a 25 ms
/// Esc delay, colours unless the terminal has none or `NO_COLOR` is set) and gives it back on
/// ``shutdown()``, which must run on every way out; SIGINT and SIGTERM restore the screen too.
/// Frames are flushed as diffs: only the cells that changed since the previous frame are
/// written, except after a resize. ncurses is not thread-safe, so everything here runs on the
/// main actor.
@MainActor
public final class CursesTerminal: Terminal {
  /// Whether colours are shown: the terminal has them and `NO_COLOR` is unset.
  public let supportsColor: Bool
  private var screen: OpaquePointer?
  private var previous: CellBuffer?
  private var isShutDown = false
  /// Colour pair numbers by (foreground, background), allocated as styles need them.
  private var pairs: [ColorKey: Int16] = [:]
  private var defaultColors = false

  private struct ColorKey: Hashable {
    var foreground: TerminalColor?
    var background: TerminalColor?
  }

  /// Takes over the terminal on standard input and output.
  ///
  /// - Throws: ``TerminalError/unknownTerminal(term:)`` when `TERM` names no terminal ncurses
  ///   knows (the screen is left untouched).
  public init() throws(TerminalError) {
    shardline_set_locale()
    if shardline_locale_is_utf8() == 0 { _ = shardline_use_utf8_ctype() }
    guard let screen = shardline_new_screen() else {
      supportsColor = false
      isShutDown = true
      throw .unknownTerminal(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
    }
    self.screen = screen
    let window = shardline_stdscr()
    cbreak()
    noecho()
    nonl()
    keypad(window, true)
    curs_set(0)
    set_escdelay(25)
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    if has_colors() && !noColor {
      start_color()
      defaultColors = use_default_colors() == OK
      supportsColor = true
    } else {
      supportsColor = false
    }
    Self.restoreOnSignals()
  }

  /// Columns and rows of the screen.
  public var size: (width: Int, height: Int) {
    guard !isShutDown else { return (0, 0) }
    return (Int(max(shardline_columns(), 0)), Int(max(shardline_rows(), 0)))
  }

  /// Shows `frame`, writing only the cells that differ from the previous frame (all of them
  /// after a resize), then refreshes the screen. Cells past the screen's edge are dropped.
  public func draw(_ frame: CellBuffer) {
    guard !isShutDown else { return }
    if previous?.width != frame.width || previous?.height != frame.height { erase() }
    let (columns, rows) = size
    for position in frame.changedPositions(since: previous) {
      let row = position / frame.width
      let column = position % frame.width
      guard row < rows && column < columns else { continue }
      let cell = frame.cells[position]
      let (attributes, pair) = attributes(of: cell.style)
      _ = shardline_move(Int32(row), Int32(column))
      // Writing the bottom-right cell reports an error (the cursor cannot advance) after
      // drawing it; nothing else can fail here.
      _ = shardline_add_wide(wchar_t(bitPattern: cell.character.value), attributes, pair)
    }
    previous = frame
    refresh()
  }

  /// The next key, waiting at most `timeoutMilliseconds`; `nil` when none came (or the key
  /// means nothing to the explorer). A resize returns ``Key/resize`` and makes the next frame
  /// a full redraw.
  public func readKey(timeoutMilliseconds: Int) -> Key? {
    guard !isShutDown else { return nil }
    var value: UInt32 = 0
    switch shardline_read_key(Int32(clamping: timeoutMilliseconds), &value) {
    case 1: return Self.key(character: value)
    case 2:
      let key = Self.key(code: Int32(bitPattern: value))
      if key == .resize { previous = nil }
      return key
    default: return nil
    }
  }

  /// Gives the terminal back: ends curses mode. Safe to call more than once.
  public func shutdown() {
    guard !isShutDown else { return }
    isShutDown = true
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }

  /// The ncurses attributes and colour pair of `style`.
  private func attributes(of style: CellStyle) -> (attr_t, Int16) {
    var attributes = shardline_attr_normal()
    if style.bold { attributes |= shardline_attr_bold() }
    if style.reverse { attributes |= shardline_attr_reverse() }
    if style.underline { attributes |= shardline_attr_underline() }
    if style.dim { attributes |= shardline_attr_dim() }
    guard supportsColor, style.foreground != nil || style.background != nil else {
      return (attributes, 0)
    }
    return (attributes, pair(ColorKey(foreground: style.foreground, background: style.background)))
  }

  /// The colour pair of `colors`, initialized on first use; pair 0 (the default colours) once
  /// the terminal's pairs run out.
  private func pair(_ colors: ColorKey) -> Int16 {
    if let known = pairs[colors] { return known }
    let number = pairs.count + 1
    guard number < Int(shardline_color_pair_count()), number <= Int(Int16.max) else { return 0 }
    // -1 is the terminal's own colour, available after use_default_colors().
    let fallback: (foreground: Int16, background: Int16) = defaultColors ? (-1, -1) : (7, 0)
    let foreground = colors.foreground.map { Int16($0.rawValue) } ?? fallback.foreground
    let background = colors.background.map { Int16($0.rawValue) } ?? fallback.background
    guard init_pair(Int16(number), foreground, background) == OK else { return 0 }
    pairs[colors] = Int16(number)
    return Int16(number)
  }

  /// Ends curses mode before the default action of SIGINT (Ctrl-C in cbreak mode) and SIGTERM,
  /// so that a killed explorer does not leave the terminal without echo.
  ///
  /// A process inherits its parent's blocked signals; a parent that blocked them (a test
  /// runner's thread, for one) would leave resizes (SIGWINCH) unseen and the explorer deaf to
  /// Ctrl-C and hang-ups, so they are unblocked first.
  private static func restoreOnSignals() {
    var signals = sigset_t()
    sigemptyset(&signals)
    for number in [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT] {
      sigaddset(&signals, number)
    }
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    for number in [SIGINT, SIGTERM] {
      signal(number) { received in
        endwin()
        _exit(128 + received)
      }
    }
  }

  /// The key of a character `get_wch` read.
  static func key(character value: UInt32) -> Key? {
    switch value {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 0..<32: return nil
    default: return Unicode.Scalar(value).map { .character(Character($0)) }
    }
  }

  /// The key of a `KEY_*` code `get_wch` read.
  static func key(code: Int32) -> Key? {
    switch code {
    case KEY_UP: .up
    case KEY_DOWN: .down
    case KEY_LEFT: .left
    case KEY_RIGHT: .right
    case KEY_PPAGE: .pageUp
    case KEY_NPAGE: .pageDown
    case KEY_HOME: .home
    case KEY_END: .end
    case KEY_ENTER: .enter
    case KEY_BACKSPACE: .backspace
    case KEY_DC: .delete
    case KEY_BTAB: .backTab
    case KEY_RESIZE: .resize
    default: nil
    }
  }
}
