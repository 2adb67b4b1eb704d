/// A plain-text table with left-aligned text columns and right-aligned numeric columns.
final class TextTable {
  private let header: [String]
  private var rows: [[String]] = []

  init(header: [String]) { self.header = header }

  func add(_ row: [String]) {
    precondition(
      row.count == header.count, "row has \(row.count) cells for \(header.count) columns")
    rows.append(row)
  }

  /// The table, one line per row, columns separated by two spaces.
  func render() -> String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    let numeric = header.indices.map { column in
      rows.allSatisfy { row in row[column].first.map { $0.isNumber || $0 == "-" } ?? true }
        && !rows.isEmpty
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return numeric[column] ? pad + cell : cell + pad
      }.joined(separator: "  ").trimmingSuffixSpaces()
    }
    let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }
}

extension String {
  fileprivate func trimmingSuffixSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
