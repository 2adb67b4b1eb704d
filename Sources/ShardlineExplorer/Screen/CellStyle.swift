/// One of the eight basic terminal colours.
public enum TerminalColor: Int, Sendable, Hashable, CaseIterable {
  case black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn: colours and attributes. A monochrome terminal drops the colours and
/// keeps the attributes, so nothing a person must see may rely on colour alone.
public struct CellStyle: Sendable, Hashable {
  /// Text colour; `nil` is the terminal's default.
  public var foreground: TerminalColor?
  /// Background colour; `nil` is the terminal's default.
  public var background: TerminalColor?
  /// Bold text.
  public var bold: Bool
  /// Swapped foreground and background (the selection).
  public var reverse: Bool
  /// Underlined text.
  public var underline: Bool
  /// Faint text.
  public var dim: Bool

  /// Creates a style.
  public init(
    foreground: TerminalColor? = nil, background: TerminalColor? = nil, bold: Bool = false,
    reverse: Bool = false, underline: Bool = false, dim: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  /// The terminal's default look.
  public static let plain = CellStyle()

  /// This style with `other`'s colours and attributes laid over it.
  public func patched(with other: CellStyle) -> CellStyle {
    CellStyle(
      foreground: other.foreground ?? foreground, background: other.background ?? background,
      bold: bold || other.bold, reverse: reverse || other.reverse,
      underline: underline || other.underline, dim: dim || other.dim)
  }

  /// This style without colours, for terminals that have none or when `NO_COLOR` is set.
  public var monochrome: CellStyle {
    CellStyle(bold: bold, reverse: reverse, underline: underline, dim: dim)
  }
}
