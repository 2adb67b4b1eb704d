extension Parser {
  /// `{name = value, unit_name, "quoted name" = value}`, in written order.
  mutating func parseDictionary() throws(ImportError) -> [NamedAttribute] {
    try expect(.leftBrace, "'{'")
    var entries: [NamedAttribute] = []
    try parseList(closedBy: .rightBrace) { parser throws(ImportError) in
      let name: String
      switch parser.token.kind {
      case .bareIdentifier: name = parser.tokenText
      case .string: name = try parser.lexer.decodeString(parser.token)
      default: throw parser.error("expected an attribute name, found \(parser.tokenDescription)")
      }
      try parser.advance()
      let value = try parser.consume(.equal) ? try parser.parseAttribute() : .unit
      entries.append(NamedAttribute(name, value))
    }
    return entries
  }

  /// One attribute value, with any `: type` suffix of a number or string read and dropped.
  mutating func parseAttribute() throws(ImportError) -> Attribute {
    try enterNesting()
    defer { leaveNesting() }
    switch token.kind {
    case .integer, .float, .minus:
      return try parseNumberAttribute()
    case .string:
      let value = try lexer.decodeString(token)
      try advance()
      if try consume(.colon) { _ = try parseType() }
      return .string(value)
    case .leftSquare:
      try advance()
      var elements: [Attribute] = []
      try parseList(closedBy: .rightSquare) { parser throws(ImportError) in
        elements.append(try parser.parseAttribute())
      }
      return .array(elements)
    case .leftBrace:
      return .dictionary(try parseDictionary())
    case .atIdentifier:
      return .symbol(try symbolName())
    case .hashIdentifier:
      return try parseHashAttribute()
    case .bangIdentifier:
      return .type(try parseType())
    case .bareIdentifier:
      return try parseKeywordAttribute()
    default:
      throw error("expected an attribute value, found \(tokenDescription)")
    }
  }

  /// `3`, `-1 : i64`, `1.5 : f32`, `0x7F800000 : f32` (the bits of a float), `-inf`.
  private mutating func parseNumberAttribute() throws(ImportError) -> Attribute {
    let negative = try consume(.minus)
    let literal = token
    let element: Double
    switch token.kind {
    case .float:
      element = try floatValue(of: literal)
    case .bareIdentifier where isKeyword("inf") || isKeyword("nan"):
      element = isKeyword("inf") ? .infinity : .nan
    case .integer:
      try advance()
      guard try consume(.colon) else {
        return .integer(try signedValue(of: literal, negative: negative))
      }
      let type = try parseType()
      guard Self.isFloatElement(type.description) else {
        return .integer(try signedValue(of: literal, negative: negative))
      }
      let value = try elementValue(of: literal, type: type.description)
      return .float(negative ? -value : value)
    default:
      throw error("expected a number, found \(tokenDescription)")
    }
    try advance()
    if try consume(.colon) { _ = try parseType() }
    return .float(negative ? -element : element)
  }

  /// The value of a float token.
  func floatValue(of literal: Token) throws(ImportError) -> Double {
    guard let value = Double(lexer.text(of: literal)) else {
      throw error("malformed float literal", at: literal.location)
    }
    return value
  }

  /// The value of an integer token that stands for an element of type `element`: hex literals
  /// of float types are bit patterns (`0x7F800000` is +∞ in `f32`), all else plain numbers.
  func elementValue(of literal: Token, type element: String) throws(ImportError) -> Double {
    let value = try unsignedValue(of: literal)
    let isHex = lexer.byte(at: literal.start + 1) == UInt8(ascii: "x")
    guard isHex, Self.isFloatElement(element) else { return Double(value) }
    guard let float = FloatBits.value(ofBits: value, element: element) else {
      throw error(
        "hex literal \(lexer.text(of: literal).prefix(40)) does not fit \(element)",
        at: literal.location)
    }
    return float
  }

  /// `true`, `unit`, `dense<…>`, `array<…>`, a type (`f32`, `tensor<…>`), `affine_map<…>` (kept
  /// as written), or a bare keyword such as `DEFAULT` (an enumeration without a name).
  private mutating func parseKeywordAttribute() throws(ImportError) -> Attribute {
    let word = tokenText
    switch word {
    case "true", "false":
      try advance()
      return .bool(word == "true")
    case "unit":
      try advance()
      return .unit
    case "inf", "nan":
      return try parseNumberAttribute()
    case "dense" where lexer.peekByte() == UInt8(ascii: "<"):
      return try parseDenseAttribute()
    case "array" where lexer.peekByte() == UInt8(ascii: "<"):
      return try parseArrayAttribute()
    case "tensor", "tuple", "complex", "vector", "memref":
      return .type(try parseType())
    default:
      if Self.isScalarTypeName(word) { return .type(try parseType()) }
      if lexer.peekByte() == UInt8(ascii: "<") {
        try advance()
        let text = word + "<" + (try skipAngleBrackets()) + ">"
        if try consume(.colon) { _ = try parseType() }
        return .opaque(text)
      }
      try advance()
      return .enumeration(name: "", value: word)
    }
  }

  /// `array<i64: 1, 2>`, `array<i1: true>`, `array<i64>`.
  private mutating func parseArrayAttribute() throws(ImportError) -> Attribute {
    try advance()
    try expect(.less, "'<'")
    _ = try parseType()
    guard try consume(.colon) else {
      try expect(.greater, "'>'")
      return .array([])
    }
    var elements: [Attribute] = []
    try parseList(closedBy: .greater) { parser throws(ImportError) in
      elements.append(try parser.parseAttribute())
    }
    return .array(elements)
  }
}
