/// Splits StableHLO text into tokens on demand, keeping line and column as it goes.
///
/// The parser pulls one token at a time, and can rewind to a token's start to read raw text
/// that MLIR lexes contextually (`tensor<4x8xf32>`, `#sdy.sharding<…>`).
struct Lexer: Sendable {
  /// The text, as UTF-8 bytes.
  let bytes: [UInt8]
  /// The offset of the next unread byte.
  private(set) var offset = 0
  /// The line of the next unread byte, from 1.
  private var line = 1
  /// The column of the next unread byte, in characters from 1.
  private var column = 1

  /// Creates a lexer over `text`.
  init(_ text: String) {
    bytes = Array(text.utf8)
  }

  /// The location of the next unread byte.
  var location: SourceLocation { SourceLocation(line: line, column: column) }

  /// The text of `token`'s bytes.
  func text(of token: Token) -> String { text(from: token.start, to: token.end) }

  /// The text between two offsets.
  func text(from start: Int, to end: Int) -> String {
    String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The byte at `offset + ahead`, or `nil` past the end.
  func peekByte(_ ahead: Int = 0) -> UInt8? { byte(at: offset + ahead) }

  /// The byte at `index`, or `nil` past the end.
  func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

  /// The first byte from `offset + ahead` on that is not a space or line break, without moving.
  func peekNonSpaceByte(from ahead: Int = 0) -> UInt8? {
    var index = offset + ahead
    while let byte = byte(at: index),
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
        || byte == UInt8(ascii: "\r")
    {
      index += 1
    }
    return byte(at: index)
  }

  /// Moves past one byte, counting lines and characters.
  mutating func advanceByte() {
    guard offset < bytes.count else { return }
    let byte = bytes[offset]
    offset += 1
    if byte == UInt8(ascii: "\n") {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }

  /// Moves back to the start of `token`, so that the next read starts there.
  mutating func rewind(to token: Token) {
    offset = token.start
    line = token.location.line
    column = token.location.column
  }

  /// Reads the next token, skipping whitespace and `//` comments.
  mutating func next() throws(ImportError) -> Token {
    skipTrivia()
    let start = offset
    let startLocation = location
    guard let byte = peekByte() else {
      return Token(kind: .endOfFile, start: start, end: start, location: startLocation)
    }
    let kind = try lexKind(startingWith: byte, at: startLocation)
    return Token(kind: kind, start: start, end: offset, location: startLocation)
  }

  private mutating func skipTrivia() {
    while let byte = peekByte() {
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
        || byte == UInt8(ascii: "\r")
      {
        advanceByte()
      } else if byte == UInt8(ascii: "/"), peekByte(1) == UInt8(ascii: "/") {
        while let next = peekByte(), next != UInt8(ascii: "\n") { advanceByte() }
      } else {
        return
      }
    }
  }

  private mutating func lexKind(
    startingWith byte: UInt8, at start: SourceLocation
  ) throws(ImportError) -> Token.Kind {
    if let punctuation = Self.punctuation[byte] {
      advanceByte()
      if punctuation == .minus, peekByte() == UInt8(ascii: ">") {
        advanceByte()
        return .arrow
      }
      return punctuation
    }
    switch byte {
    case UInt8(ascii: "%"), UInt8(ascii: "^"):
      advanceByte()
      try lexSuffixIdentifier(at: start)
      if byte == UInt8(ascii: "%"), peekByte() == UInt8(ascii: "#"),
        let digit = peekByte(1), digit.isDigit
      {
        advanceByte()
        while let next = peekByte(), next.isDigit { advanceByte() }
      }
      return byte == UInt8(ascii: "%") ? .percentIdentifier : .caretIdentifier
    case UInt8(ascii: "@"):
      advanceByte()
      if peekByte() == UInt8(ascii: "\"") {
        try lexString(at: start)
      } else {
        try lexSuffixIdentifier(at: start)
      }
      return .atIdentifier
    case UInt8(ascii: "#"), UInt8(ascii: "!"):
      advanceByte()
      guard let first = peekByte(), first.isLetter || first == UInt8(ascii: "_") else {
        throw ImportError(
          at: start, "expected an identifier after '\(Character(Unicode.Scalar(byte)))'")
      }
      lexBareIdentifierTail()
      return byte == UInt8(ascii: "#") ? .hashIdentifier : .bangIdentifier
    case UInt8(ascii: "\""):
      try lexString(at: start)
      return .string
    default:
      if byte.isDigit { return lexNumber() }
      if byte.isLetter || byte == UInt8(ascii: "_") {
        lexBareIdentifierTail()
        return .bareIdentifier
      }
      throw ImportError(at: start, "unexpected character '\(Character(Unicode.Scalar(byte)))'")
    }
  }

  private static let punctuation: [UInt8: Token.Kind] = [
    UInt8(ascii: "("): .leftParen, UInt8(ascii: ")"): .rightParen,
    UInt8(ascii: "{"): .leftBrace, UInt8(ascii: "}"): .rightBrace,
    UInt8(ascii: "["): .leftSquare, UInt8(ascii: "]"): .rightSquare,
    UInt8(ascii: "<"): .less, UInt8(ascii: ">"): .greater,
    UInt8(ascii: ","): .comma, UInt8(ascii: ":"): .colon, UInt8(ascii: "="): .equal,
    UInt8(ascii: "-"): .minus, UInt8(ascii: "+"): .plus, UInt8(ascii: "*"): .star,
    UInt8(ascii: "?"): .question,
  ]

  /// `[A-Za-z0-9_$.]*` after a bare identifier's first character.
  private mutating func lexBareIdentifierTail() {
    while let next = peekByte(),
      next.isLetter || next.isDigit || next == UInt8(ascii: "_") || next == UInt8(ascii: "$")
        || next == UInt8(ascii: ".")
    {
      advanceByte()
    }
  }

  /// The name after `%`, `^` or `@`: letters, digits and `$._-`.
  private mutating func lexSuffixIdentifier(at start: SourceLocation) throws(ImportError) {
    let nameStart = offset
    while let next = peekByte(),
      next.isLetter || next.isDigit || next == UInt8(ascii: "_") || next == UInt8(ascii: "$")
        || next == UInt8(ascii: ".") || next == UInt8(ascii: "-")
    {
      advanceByte()
    }
    if offset == nameStart { throw ImportError(at: start, "expected a name") }
  }
}

extension UInt8 {
  /// `0`…`9`.
  var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
  /// ASCII letters.
  var isLetter: Bool {
    (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
      || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
  }
  /// `0`…`9`, `a`…`f`, `A`…`F`.
  var isHexDigit: Bool {
    isDigit || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
      || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
  }
}
