extension Parser {
  /// `tensor<4x8xbf16>`, `tuple<…>`, `!stablehlo.token`, or any other type kept as written.
  mutating func parseType() throws(ImportError) -> MLIRType {
    let start = token
    switch token.kind {
    case .bareIdentifier where isKeyword("tensor") && lexer.peekByte() == UInt8(ascii: "<"):
      try advance()
      let inner = try skipAngleBrackets()
      return try tensorType(inner: inner, at: start.location)
    case .bareIdentifier where isKeyword("tuple") && lexer.peekByte() == UInt8(ascii: "<"):
      try enterNesting()
      defer { leaveNesting() }
      try advance()
      try expect(.less, "'<'")
      var elements: [MLIRType] = []
      try parseList(closedBy: .greater) { parser throws(ImportError) in
        elements.append(try parser.parseType())
      }
      return .tuple(elements)
    case .bareIdentifier, .bangIdentifier:
      if lexer.peekByte() == UInt8(ascii: "<") {
        try advance()
        return .other(lexer.text(of: start) + "<" + (try skipAngleBrackets()) + ">")
      }
      try advance()
      return .other(lexer.text(of: start))
    default:
      throw error("expected a type, found \(tokenDescription)")
    }
  }

  /// Types separated by commas, at least one.
  mutating func parseTypes() throws(ImportError) -> [MLIRType] {
    var types = [try parseType()]
    while try consume(.comma) {
      types.append(try parseType())
    }
    return types
  }

  /// `(operand types) -> result type` or `-> (result types)`.
  mutating func parseFunctionType() throws(ImportError) -> (
    inputs: [MLIRType], results: [MLIRType]
  ) {
    try expect(.leftParen, "'(' before the operand types")
    var inputs: [MLIRType] = []
    try parseList(closedBy: .rightParen) { parser throws(ImportError) in
      inputs.append(try parser.parseType())
    }
    try expect(.arrow, "'->' before the result types")
    return (inputs, try parseResultTypes())
  }

  /// One type, or `(…)` holding any number.
  mutating func parseResultTypes() throws(ImportError) -> [MLIRType] {
    guard try consume(.leftParen) else { return [try parseType()] }
    var results: [MLIRType] = []
    try parseList(closedBy: .rightParen) { parser throws(ImportError) in
      results.append(try parser.parseType())
    }
    return results
  }

  /// With the current token a `<`, moves past the balanced `<…>` and returns the text inside.
  mutating func skipAngleBrackets() throws(ImportError) -> String {
    guard token.kind == .less else { throw error("expected '<', found \(tokenDescription)") }
    return String(try skipBracketed().dropFirst().dropLast())
  }

  /// Moves past the balanced brackets starting at the current token (`<`, `(`, `[` or `{`)
  /// and returns their text, brackets included.
  mutating func skipBracketed() throws(ImportError) -> String {
    let open = token
    let end = try lexer.skipBalanced(from: open)
    token = try lexer.next()
    return lexer.text(from: open.start, to: end)
  }

  /// The type written `tensor<inner>`: leading `Nx` dimensions, then the element type, then an
  /// optional `, encoding` (dropped). Dynamic shapes (`?x4xf32`) are kept as `.other`.
  private func tensorType(inner: String, at location: SourceLocation) throws(ImportError)
    -> MLIRType
  {
    var shape: [Int] = []
    var rest = Substring(inner)
    while let x = rest.firstIndex(of: "x"), rest.first?.isNumber == true || rest.first == "?" {
      let dimension = rest[..<x]
      if dimension == "?" { return .other("tensor<\(inner)>") }
      guard let size = Int(dimension) else {
        throw error("malformed tensor dimension '\(dimension.prefix(40))'", at: location)
      }
      shape.append(size)
      rest = rest[rest.index(after: x)...]
    }
    if rest.first == "*" { return .other("tensor<\(inner)>") }
    let element = Self.elementType(in: rest)
    guard !element.isEmpty, element.first?.isNumber == false else {
      throw error("tensor type without an element type", at: location)
    }
    return .tensor(shape: shape, element: element)
  }

  /// The element type before any top-level `, encoding`.
  private static func elementType(in text: Substring) -> String {
    var depth = 0
    for index in text.indices {
      switch text[index] {
      case "<": depth += 1
      case ">": depth -= 1
      case "," where depth == 0:
        return String(text[..<index]).trimmingSpaces
      default: break
      }
    }
    return String(text).trimmingSpaces
  }

  /// Whether `word` names a builtin scalar type: `f32`, `bf16`, `i1`, `ui32`, `index`, `f8E4M3FN`.
  static func isScalarTypeName(_ word: String) -> Bool {
    if word == "index" || word == "none" || word == "tf32" { return true }
    for prefix in ["f8E", "f6E", "f4E"] where word.hasPrefix(prefix) { return true }
    for prefix in ["bf", "ui", "si", "f", "i"] where word.hasPrefix(prefix) {
      let digits = word.dropFirst(prefix.count)
      return !digits.isEmpty && digits.allSatisfy(\.isNumber)
    }
    return false
  }

  /// Whether an element type is a floating-point one.
  static func isFloatElement(_ element: String) -> Bool {
    element.hasPrefix("f") || element.hasPrefix("bf") || element == "tf32"
  }
}

extension String {
  /// The text without leading and trailing spaces.
  var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
