extension Parser {
  /// One element of a `dense<…>` literal before the element type is known: hex integers may be
  /// float bit patterns.
  private struct RawElement {
    /// The literal's token, for integers (hex or decimal).
    var integer: Token?
    /// The value of any other literal (float, `true`, `inf`), or the sign of an integer.
    var value: Double
  }

  /// `dense<1.0> : tensor<f32>`, `dense<[[1, 2], [3, 4]]> : …`, `dense<"0x0000803F"> : …`,
  /// `dense<> : tensor<0xf32>`.
  mutating func parseDenseAttribute() throws(ImportError) -> Attribute {
    try advance()
    try expect(.less, "'<'")
    var raw: [RawElement] = []
    var isSplat = false
    var hexBytes: [UInt8]?
    switch token.kind {
    case .greater:
      break
    case .string:
      hexBytes = try hexBlob(token)
      try advance()
    case .leftSquare:
      try parseDenseList(into: &raw)
    default:
      raw.append(try parseDenseElement())
      isSplat = true
    }
    try expect(.greater, "'>' closing the dense elements")
    try expect(.colon, "':' and the type of the dense elements")
    let type = try parseType()
    if let hexBytes { return .dense(.hex(hexBytes), type: type) }
    let element = if case .tensor(_, let element) = type { element } else { "" }
    var values: [Double] = []
    values.reserveCapacity(raw.count)
    for item in raw {
      guard let literal = item.integer else {
        values.append(item.value)
        continue
      }
      values.append(item.value * (try elementValue(of: literal, type: element)))
    }
    if isSplat, let value = values.first { return .dense(.splat(value), type: type) }
    return .dense(.values(values), type: type)
  }

  /// `[…]`, nested to any depth, appended flat in row-major order.
  private mutating func parseDenseList(into elements: inout [RawElement]) throws(ImportError) {
    try expect(.leftSquare, "'['")
    try parseList(closedBy: .rightSquare) { parser throws(ImportError) in
      if parser.token.kind == .leftSquare {
        try parser.parseDenseList(into: &elements)
      } else {
        elements.append(try parser.parseDenseElement())
      }
    }
  }

  /// `1`, `-2.5e-3`, `0xFF800000`, `true`, `-inf`, `nan`.
  private mutating func parseDenseElement() throws(ImportError) -> RawElement {
    let sign: Double = try consume(.minus) ? -1 : 1
    let literal = token
    let element: RawElement
    switch token.kind {
    case .integer:
      element = RawElement(integer: literal, value: sign)
    case .float:
      element = RawElement(value: sign * (try floatValue(of: literal)))
    case .bareIdentifier where isKeyword("true") || isKeyword("false"):
      element = RawElement(value: isKeyword("true") ? 1 : 0)
    case .bareIdentifier where isKeyword("inf"):
      element = RawElement(value: sign * .infinity)
    case .bareIdentifier where isKeyword("nan"):
      element = RawElement(value: .nan)
    case .leftParen:
      throw error("complex dense elements are not supported")
    default:
      throw error("expected a dense element, found \(tokenDescription)")
    }
    try advance()
    return element
  }

  /// The bytes of a `"0x…"` string.
  private func hexBlob(_ literal: Token) throws(ImportError) -> [UInt8] {
    let digits = lexer.bytes[literal.start..<literal.end].dropFirst().dropLast()
    guard digits.count >= 2, digits.count % 2 == 0, digits.prefix(2).elementsEqual("0x".utf8) else {
      throw error(
        "dense string literals other than \"0x…\" hex are not supported", at: literal.location)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2 - 1)
    var index = digits.startIndex + 2
    while index < digits.endIndex {
      guard let high = digits[index].hexValue, let low = digits[index + 1].hexValue else {
        throw error("malformed hex in dense literal", at: literal.location)
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }
}
