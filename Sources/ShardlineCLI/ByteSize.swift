/// Parses sizes such as `14GiB`, `16 GB`, `512MiB` or `1e9` (bytes) from the command line.
enum ByteSize {
  private static let units: [(String, Double)] = [
    ("TIB", 1024 * 1024 * 1024 * 1024), ("GIB", 1024 * 1024 * 1024), ("MIB", 1024 * 1024),
    ("KIB", 1024), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1),
  ]

  /// The number of bytes `text` names, or `nil`.
  static func parse(_ text: String) -> Double? {
    let upper = text.uppercased().filter { $0 != " " }
    for (suffix, scale) in units where upper.hasSuffix(suffix) {
      guard let value = Double(upper.dropLast(suffix.count)), value > 0 else { return nil }
      return value * scale
    }
    guard let value = Double(upper), value > 0 else { return nil }
    return value
  }
}
