/// A position in a StableHLO text file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The line, counting from 1.
  public var line: Int
  /// The column (in characters), counting from 1.
  public var column: Int

  /// Creates a location.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// `12:7`.
  public var description: String { "\(line):\(column)" }
}
