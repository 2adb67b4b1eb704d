/// A key press, as the explorer understands it.
public enum Key: Sendable, Hashable, CustomStringConvertible {
  /// A printable character.
  case character(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, backspace, tab, backTab, delete
  /// The terminal changed size.
  case resize

  /// How the help and the footer name the key: `↑`, `Enter`, `q`, `Space`.
  public var description: String {
    switch self {
    case .character(" "): "Space"
    case .character(let character): String(character)
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "Enter"
    case .escape: "Esc"
    case .backspace: "Bksp"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .delete: "Del"
    case .resize: "resize"
    }
  }
}
