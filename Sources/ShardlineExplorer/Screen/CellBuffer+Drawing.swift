/// Drawing primitives: text, fills, boxes and bars, all clipped to a rectangle.
extension CellBuffer {
  /// Writes `text` from (`x`, `y`) in `style`, clipped to `clip` (the whole buffer when `nil`).
  ///
  /// - Returns: The column after the last character written.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, style: CellStyle = .plain, clip: Rect? = nil
  ) -> Int {
    let bounds = clip?.intersection(area) ?? area
    var column = x
    for scalar in text.unicodeScalars {
      if bounds.contains(column: column, row: y) {
        self[column, y] = Cell(Self.printable(scalar), style: style)
      }
      column += 1
      if column >= bounds.maxX { break }
    }
    return column
  }

  /// Writes `text` on the first row of `rect`, aligned, cut with `…` when it does not fit.
  public mutating func put(
    _ text: String, in rect: Rect, style: CellStyle = .plain, alignment: TextAlignment = .left
  ) {
    guard !rect.isEmpty else { return }
    let fitted = Self.fit(text, width: rect.width)
    let length = fitted.unicodeScalars.count
    let x: Int
    switch alignment {
    case .left: x = rect.x
    case .right: x = rect.maxX - length
    case .center: x = rect.x + (rect.width - length) / 2
    }
    put(fitted, x: x, y: rect.y, style: style, clip: rect)
  }

  /// Fills `rect` with `character` in `style`.
  public mutating func fill(_ rect: Rect, with character: Unicode.Scalar = " ", style: CellStyle) {
    let clipped = rect.intersection(area)
    for row in clipped.y..<clipped.maxY {
      for column in clipped.x..<clipped.maxX {
        self[column, row] = Cell(character, style: style)
      }
    }
  }

  /// Lays `style` over the cells of `rect`, keeping their characters.
  public mutating func restyle(_ rect: Rect, with style: CellStyle) {
    let clipped = rect.intersection(area)
    for row in clipped.y..<clipped.maxY {
      for column in clipped.x..<clipped.maxX {
        self[column, row].style = self[column, row].style.patched(with: style)
      }
    }
  }

  /// Draws a single-line box around `rect` with `title` in its top edge.
  ///
  /// - Returns: The inside of the box.
  @discardableResult
  public mutating func box(_ rect: Rect, title: String? = nil, style: CellStyle = .plain) -> Rect {
    guard rect.width >= 2 && rect.height >= 2 else {
      return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
    }
    for column in rect.x + 1..<rect.maxX - 1 {
      self[column, rect.y] = Cell("─", style: style)
      self[column, rect.maxY - 1] = Cell("─", style: style)
    }
    for row in rect.y + 1..<rect.maxY - 1 {
      self[rect.x, row] = Cell("│", style: style)
      self[rect.maxX - 1, row] = Cell("│", style: style)
    }
    self[rect.x, rect.y] = Cell("┌", style: style)
    self[rect.maxX - 1, rect.y] = Cell("┐", style: style)
    self[rect.x, rect.maxY - 1] = Cell("└", style: style)
    self[rect.maxX - 1, rect.maxY - 1] = Cell("┘", style: style)
    if let title, rect.width > 4 {
      put(
        " \(Self.fit(title, width: rect.width - 4)) ", x: rect.x + 1, y: rect.y,
        style: style.patched(with: CellStyle(bold: true)), clip: rect)
    }
    return rect.inset()
  }

  /// A horizontal bar of `fraction` (0…1) of `rect`'s width on its first row, in eighths of a
  /// cell, with the rest left as `track` characters.
  public mutating func bar(
    _ fraction: Double, in rect: Rect, style: CellStyle, track: Unicode.Scalar = " ",
    trackStyle: CellStyle = .plain
  ) {
    guard !rect.isEmpty else { return }
    let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
    let eighths = Int((clamped * Double(rect.width * 8)).rounded())
    for offset in 0..<rect.width {
      let filled = min(max(eighths - offset * 8, 0), 8)
      let cell =
        filled == 0
        ? Cell(track, style: trackStyle) : Cell(Self.eighthBlocks[filled - 1], style: style)
      self[rect.x + offset, rect.y] = cell
    }
  }

  /// `text` cut to `width` columns with a trailing `…` when too long.
  public static func fit(_ text: String, width: Int) -> String {
    guard width > 0 else { return "" }
    let scalars = Array(text.unicodeScalars)
    guard scalars.count > width else { return text }
    var cut = String.UnicodeScalarView(scalars[0..<(width - 1)])
    cut.append("…")
    return String(cut)
  }

  /// Left partial blocks, one eighth to a full cell.
  private static let eighthBlocks: [Unicode.Scalar] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

  /// Control characters would move the terminal's cursor; they are shown as `?`.
  private static func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    scalar.value < 0x20 || scalar.value == 0x7F ? "?" : scalar
  }
}

/// Where text sits in a wider rectangle.
public enum TextAlignment: Sendable, Hashable {
  case left, right, center
}
