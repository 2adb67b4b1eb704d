extension Parser {
  /// Reads an optional `loc(…)` after the op or argument written at `owner`, and returns its
  /// name when the location itself gives one; a location naming only aliases is remembered in
  /// ``locations`` and resolved at the end of the file.
  mutating func parseDebugName(for owner: SourceLocation) throws(ImportError) -> String? {
    guard let parts = try parseLocation() else { return nil }
    if case .name(let name) = parts.first { return name }
    if parts.contains(where: { if case .alias = $0 { true } else { false } }) {
      locations.pending[owner] = parts
    }
    return locations.name(of: parts)
  }

  /// Reads and drops an optional `loc(…)`.
  mutating func skipLocation() throws(ImportError) {
    _ = try parseLocation()
  }

  /// `#loc12 = loc(…)` at the top level, or another attribute alias (read and dropped).
  mutating func parseAlias() throws(ImportError) {
    let alias = lexer.text(of: token)
    try advance()
    try expect(.equal, "'=' after \(alias.prefix(40))")
    if let parts = try parseLocation() {
      locations.aliases[alias] = parts
    } else {
      _ = try parseAttribute()
    }
  }

  /// The name-giving parts of an optional `loc(…)`, in written order: quoted names not
  /// followed by `:` (which makes them files: `"model.py":12:3`), and alias references.
  private mutating func parseLocation() throws(ImportError) -> [LocationTable.Part]? {
    guard isKeyword("loc"), lexer.peekNonSpaceByte() == UInt8(ascii: "(") else { return nil }
    let start = token.location
    try advance()
    try advance()
    var parts: [LocationTable.Part] = []
    var depth = 1
    while depth > 0 {
      switch token.kind {
      case .endOfFile:
        throw error("unterminated loc(…)", at: start)
      case .leftParen, .leftSquare:
        depth += 1
      case .rightParen, .rightSquare:
        depth -= 1
      case .string:
        let quoted = token
        try advance()
        if token.kind != .colon {
          parts.append(.name(try lexer.decodeString(quoted)))
        }
        continue
      case .hashIdentifier:
        parts.append(.alias(tokenText))
      default:
        break
      }
      try advance()
    }
    return parts
  }
}
