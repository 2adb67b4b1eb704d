/// A screen's worth of cells, row-major: what every view draws into and what a terminal shows.
///
/// Views never talk to a terminal; they fill a buffer, which ``CursesTerminal`` flushes (only
/// the cells that changed since the last frame) and tests read back as text.
public struct CellBuffer: Sendable, Hashable {
  /// Columns.
  public let width: Int
  /// Rows.
  public let height: Int
  /// The cells, row by row.
  public private(set) var cells: [Cell]

  /// A blank buffer of `width` × `height`.
  public init(width: Int, height: Int) {
    self.width = max(width, 0)
    self.height = max(height, 0)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  /// The whole buffer as a rectangle.
  public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The cell at (`column`, `row`); positions outside read as blank and writes there are
  /// dropped, so views may draw past their edges without checks.
  public subscript(column: Int, row: Int) -> Cell {
    get {
      guard area.contains(column: column, row: row) else { return .blank }
      return cells[row * width + column]
    }
    set {
      guard area.contains(column: column, row: row) else { return }
      cells[row * width + column] = newValue
    }
  }

  /// Each row as text, trailing spaces removed: what a person reads.
  public var lines: [String] {
    (0..<height).map { line($0) }
  }

  /// Row `row` as text, trailing spaces removed.
  public func line(_ row: Int) -> String {
    guard row >= 0 && row < height else { return "" }
    var scalars = String.UnicodeScalarView()
    for column in 0..<width { scalars.append(cells[row * width + column].character) }
    var text = String(scalars)
    while text.last == " " { text.removeLast() }
    return text
  }

  /// The text of `rect`, one string per row, trailing spaces removed.
  public func text(in rect: Rect) -> [String] {
    let clipped = rect.intersection(area)
    return (clipped.y..<clipped.maxY).map { row in
      var scalars = String.UnicodeScalarView()
      for column in clipped.x..<clipped.maxX { scalars.append(self[column, row].character) }
      var text = String(scalars)
      while text.last == " " { text.removeLast() }
      return text
    }
  }

  /// The first position where `text` starts on screen, as (column, row), or `nil`.
  public func find(_ text: String) -> (column: Int, row: Int)? {
    for row in 0..<height {
      let characters = Array(line(row).unicodeScalars)
      let needle = Array(text.unicodeScalars)
      guard needle.count <= characters.count, !needle.isEmpty else { continue }
      for start in 0...(characters.count - needle.count)
      where Array(characters[start..<start + needle.count]) == needle {
        return (start, row)
      }
    }
    return nil
  }

  /// The positions whose cells differ from `previous` (every position when sizes differ).
  public func changedPositions(since previous: CellBuffer?) -> [Int] {
    guard let previous, previous.width == width, previous.height == height else {
      return Array(cells.indices)
    }
    return cells.indices.filter { cells[$0] != previous.cells[$0] }
  }
}

extension CellBuffer: CustomStringConvertible {
  /// The screen's text, one line per row, so that a failed expectation shows what a person
  /// would see rather than every cell.
  public var description: String { lines.joined(separator: "\n") }
}
