extension Parser {
  /// Kinds of `#stablehlo.kind<field = value, …>` read field by field into `.structured`.
  private static let structuredKinds: Set<String> = [
    "dot", "gather", "scatter", "output_operand_alias", "channel_handle",
  ]

  /// `#stablehlo<comparison_direction GT>`, `#stablehlo.dot<…>`, `#stablehlo.conv<…>`, or any
  /// other `#dialect.name<…>` kept as written (`#sdy.sharding<@mesh, [{"x"}, {}]>`).
  mutating func parseHashAttribute() throws(ImportError) -> Attribute {
    let name = tokenText
    guard lexer.peekByte() == UInt8(ascii: "<") else {
      try advance()
      return .opaque(name)
    }
    let kind = name.hasPrefix("#stablehlo.") ? String(name.dropFirst("#stablehlo.".count)) : nil
    if let kind, Self.structuredKinds.contains(kind) {
      try advance()
      try expect(.less, "'<'")
      return .structured(kind: kind, fields: try parseStructuredFields())
    }
    if kind == "conv", lexer.peekNonSpaceByte(from: 1) == UInt8(ascii: "[") {
      try advance()
      try expect(.less, "'<'")
      let layout = try parseConvolutionLayout()
      try expect(.greater, "'>'")
      return layout
    }
    try advance()
    let inner = try skipAngleBrackets()
    if !name.contains("."), let enumeration = Self.enumeration(inner) {
      return enumeration
    }
    return .opaque(name + "<" + inner + ">")
  }

  /// `comparison_direction GT` as an enumeration, if `inner` is exactly two words.
  private static func enumeration(_ inner: String) -> Attribute? {
    let words = inner.split(separator: " ")
    guard words.count == 2,
      words.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } })
    else { return nil }
    return .enumeration(name: String(words[0]), value: String(words[1]))
  }

  /// `name = value, …>` after the `<`, the `>` consumed.
  mutating func parseStructuredFields() throws(ImportError) -> [NamedAttribute] {
    var fields: [NamedAttribute] = []
    try parseList(closedBy: .greater) { parser throws(ImportError) in
      let name = try parser.expect(.bareIdentifier, "a field name")
      try parser.expect(.equal, "'='")
      fields.append(NamedAttribute(parser.lexer.text(of: name), try parser.parseAttribute()))
    }
    return fields
  }

  /// `[b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]`.
  mutating func parseConvolutionLayout() throws(ImportError) -> Attribute {
    let input = try parseLayoutDimensions()
    try expectKeyword("x")
    let kernel = try parseLayoutDimensions()
    try expect(.arrow, "'->'")
    let output = try parseLayoutDimensions()
    return .convolutionLayout(input: input, kernel: kernel, output: output)
  }

  /// `[b, 0, 1, f]`: letters and spatial indices as written.
  private mutating func parseLayoutDimensions() throws(ImportError) -> [String] {
    try expect(.leftSquare, "'['")
    var dimensions: [String] = []
    try parseList(closedBy: .rightSquare) { parser throws(ImportError) in
      guard parser.token.kind == .bareIdentifier || parser.token.kind == .integer else {
        throw parser.error("expected a layout dimension, found \(parser.tokenDescription)")
      }
      dimensions.append(parser.tokenText)
      try parser.advance()
    }
    return dimensions
  }
}
