/// A table drawn into a rectangle: a header row, then rows, scrolled so the selected row is
/// visible, each column aligned and cut to its width.
public struct TableWidget {
  /// One column.
  public struct Column: Sendable {
    /// The header text.
    public var title: String
    /// Its width constraint.
    public var width: Layout.Constraint
    /// How cells align.
    public var alignment: TextAlignment

    /// Creates a column.
    public init(_ title: String, _ width: Layout.Constraint, _ alignment: TextAlignment = .left) {
      self.title = title
      self.width = width
      self.alignment = alignment
    }
  }

  /// The columns.
  public var columns: [Column]
  /// The cells, row by row.
  public var rows: [[String]]
  /// A style per row laid over the base (an invalid stage in the error style).
  public var rowStyles: [CellStyle?]
  /// The selected row, highlighted when `showsSelection`.
  public var selected: Int?
  /// Whether the selection is highlighted (the table has the keys).
  public var showsSelection: Bool

  /// Creates a table.
  public init(
    columns: [Column], rows: [[String]], rowStyles: [CellStyle?] = [], selected: Int? = nil,
    showsSelection: Bool = true
  ) {
    self.columns = columns
    self.rows = rows
    self.rowStyles = rowStyles
    self.selected = selected
    self.showsSelection = showsSelection
  }

  /// The first row shown when `height` rows fit and row `selected` must be visible.
  public static func firstVisibleRow(selected: Int?, count: Int, height: Int) -> Int {
    guard let selected, height > 0, count > height else { return 0 }
    return min(max(selected - height / 2, 0), count - height)
  }

  /// `41–60 of 812` when `height` body rows cannot show every row, else `812 rows`; for the
  /// title of the box around the table.
  public func rangeLabel(height: Int) -> String {
    let body = max(height - 1, 0)
    let first = Self.firstVisibleRow(selected: selected, count: rows.count, height: body)
    return Self.rangeLabel(first: first, shown: body, count: rows.count)
  }

  /// `41–60 of 812` for rows `first` to `first + shown − 1` of `count`, or `812 rows` when all
  /// are shown.
  public static func rangeLabel(first: Int, shown: Int, count: Int) -> String {
    guard count > shown, shown > 0 else { return "\(count) rows" }
    return "\(first + 1)–\(min(first + shown, count)) of \(count)"
  }

  /// Draws the table into `area`.
  public func render(in area: Rect, into buffer: inout CellBuffer, theme: Theme) {
    guard area.height >= 1 else { return }
    let cells = Layout.horizontal(columns.map(\.width), spacing: 1).split(area.row(0))
    for (column, cell) in zip(columns, cells) {
      buffer.put(column.title, in: cell, style: theme.header, alignment: column.alignment)
    }
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    let first = Self.firstVisibleRow(selected: selected, count: rows.count, height: body.height)
    for offset in 0..<min(body.height, rows.count - first) {
      let index = first + offset
      let line = body.row(offset)
      let base = rowStyles[safe: index].flatMap { $0 } ?? .plain
      let style =
        showsSelection && index == selected ? base.patched(with: theme.selection) : base
      if style != .plain { buffer.fill(line, style: style) }
      let spans = Layout.horizontal(columns.map(\.width), spacing: 1).split(line)
      for (column, (text, span)) in zip(columns, zip(rows[index], spans)) {
        buffer.put(text, in: span, style: style, alignment: column.alignment)
      }
    }
  }
}
