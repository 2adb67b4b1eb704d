extension Lexer {
  /// Reads `42`, `0x7F800000` or `1.5e-3` (the sign is a separate token).
  mutating func lexNumber() -> Token.Kind {
    if peekByte() == UInt8(ascii: "0"), peekByte(1) == UInt8(ascii: "x"),
      let digit = peekByte(2), digit.isHexDigit
    {
      advanceByte()
      advanceByte()
      while let next = peekByte(), next.isHexDigit { advanceByte() }
      return .integer
    }
    while let next = peekByte(), next.isDigit { advanceByte() }
    guard peekByte() == UInt8(ascii: ".") else { return .integer }
    advanceByte()
    while let next = peekByte(), next.isDigit { advanceByte() }
    if let exponent = peekByte(), exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
      let signed = peekByte(1) == UInt8(ascii: "+") || peekByte(1) == UInt8(ascii: "-")
      if let digit = peekByte(signed ? 2 : 1), digit.isDigit {
        advanceByte()
        if signed { advanceByte() }
        while let next = peekByte(), next.isDigit { advanceByte() }
      }
    }
    return .float
  }

  /// Reads a `"…"` literal, leaving escapes for ``decodeString(_:)``.
  mutating func lexString(at start: SourceLocation) throws(ImportError) {
    advanceByte()
    while let byte = peekByte() {
      switch byte {
      case UInt8(ascii: "\""):
        advanceByte()
        return
      case UInt8(ascii: "\\"):
        advanceByte()
        advanceByte()
      case UInt8(ascii: "\n"):
        throw ImportError(at: start, "string literal runs past the end of its line")
      default:
        advanceByte()
      }
    }
    throw ImportError(at: start, "unterminated string literal")
  }

  /// The value of a string token (or of an `@"…"` symbol) with its escapes decoded:
  /// `\"`, `\\`, `\n`, `\t` and two-digit hex escapes `\0A`.
  func decodeString(_ token: Token) throws(ImportError) -> String {
    guard let quote = bytes[token.start..<token.end].firstIndex(of: UInt8(ascii: "\"")),
      token.end - quote >= 2
    else { return text(of: token) }
    var decoded: [UInt8] = []
    var index = quote + 1
    let last = token.end - 1
    while index < last {
      let byte = bytes[index]
      guard byte == UInt8(ascii: "\\"), index + 1 < last else {
        decoded.append(byte)
        index += 1
        continue
      }
      let escaped = bytes[index + 1]
      switch escaped {
      case UInt8(ascii: "n"): decoded.append(UInt8(ascii: "\n"))
      case UInt8(ascii: "t"): decoded.append(UInt8(ascii: "\t"))
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): decoded.append(escaped)
      default:
        guard index + 2 < last, let high = escaped.hexValue, let low = bytes[index + 2].hexValue
        else { throw ImportError(at: token.location, "invalid escape in string literal") }
        decoded.append(high << 4 | low)
        index += 1
      }
      index += 2
    }
    return String(decoding: decoded, as: UTF8.self)
  }

  /// Moves past the bracketed text that starts at `open` (`<…>`, `(…)`, `[…]` or `{…}`),
  /// honouring nested brackets, string literals and `->`; returns the offset just past it.
  mutating func skipBalanced(from open: Token) throws(ImportError) -> Int {
    rewind(to: open)
    var closers: [UInt8] = []
    repeat {
      guard let byte = peekByte() else {
        throw ImportError(at: open.location, "unbalanced brackets: missing closing bracket")
      }
      switch byte {
      case UInt8(ascii: "\""):
        try lexString(at: location)
        continue
      case UInt8(ascii: "-") where peekByte(1) == UInt8(ascii: ">"):
        advanceByte()
      case UInt8(ascii: "<"): closers.append(UInt8(ascii: ">"))
      case UInt8(ascii: "("): closers.append(UInt8(ascii: ")"))
      case UInt8(ascii: "["): closers.append(UInt8(ascii: "]"))
      case UInt8(ascii: "{"): closers.append(UInt8(ascii: "}"))
      case UInt8(ascii: ">"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        guard closers.last == byte else {
          throw ImportError(
            at: location, "unbalanced brackets: unexpected '\(Character(Unicode.Scalar(byte)))'")
        }
        closers.removeLast()
      default: break
      }
      advanceByte()
    } while !closers.isEmpty
    return offset
  }
}

extension UInt8 {
  /// The value of a hex digit, or `nil`.
  var hexValue: UInt8? {
    switch self {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
