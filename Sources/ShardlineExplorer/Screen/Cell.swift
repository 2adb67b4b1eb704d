/// One character position of the screen.
public struct Cell: Sendable, Hashable {
  /// The character shown; every character the explorer draws is one column wide.
  public var character: Unicode.Scalar
  /// How it is drawn.
  public var style: CellStyle

  /// Creates a cell.
  public init(_ character: Unicode.Scalar = " ", style: CellStyle = .plain) {
    self.character = character
    self.style = style
  }

  /// A space in the default style.
  public static let blank = Cell()
}
