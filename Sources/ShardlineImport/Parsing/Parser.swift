/// Reads one file's tokens into the syntax tree: the state shared by the `Parser+…` files.
struct Parser {
  /// The most brackets, regions and nested attributes read inside each other.
  static let maximumNesting = 128

  /// Where the tokens come from.
  var lexer: Lexer
  /// The token being looked at.
  var token: Token
  /// The op being read, named in errors.
  var currentOp: String?
  /// How deeply nested the parser is now.
  private var nesting = 0
  /// Result names bound by a later group of a multi-group op (`%a, %b = …`), in the current
  /// function: the name the op is bound to and the number of the group's first result.
  var resultAliases: [String: (name: String, offset: Int)] = [:]
  /// Location aliases and the uses waiting for them.
  var locations = LocationTable()

  /// Starts reading `text`.
  init(_ text: String) throws(ImportError) {
    lexer = Lexer(text)
    token = try lexer.next()
  }

  /// Moves to the next token.
  mutating func advance() throws(ImportError) {
    token = try lexer.next()
  }

  /// An error at `location` (the current token by default) naming the op being read.
  func error(_ reason: String, at location: SourceLocation? = nil) -> ImportError {
    ImportError(at: location ?? token.location, op: currentOp, reason)
  }

  /// The current token's text.
  var tokenText: String { lexer.text(of: token) }

  /// A short description of the current token for error messages.
  var tokenDescription: String {
    token.kind == .endOfFile ? "end of file" : "'\(tokenText.prefix(40))'"
  }

  /// Whether the current token is the bare word `word`.
  func isKeyword(_ word: String) -> Bool {
    token.kind == .bareIdentifier
      && lexer.bytes[token.start..<token.end].elementsEqual(word.utf8)
  }

  /// Moves past the current token if it is of `kind`; says whether it did.
  mutating func consume(_ kind: Token.Kind) throws(ImportError) -> Bool {
    guard token.kind == kind else { return false }
    try advance()
    return true
  }

  /// Moves past the current token if it is the bare word `word`; says whether it did.
  mutating func consumeKeyword(_ word: String) throws(ImportError) -> Bool {
    guard isKeyword(word) else { return false }
    try advance()
    return true
  }

  /// Moves past a token of `kind`, or throws naming what was `expected`.
  @discardableResult
  mutating func expect(_ kind: Token.Kind, _ expected: String) throws(ImportError) -> Token {
    let current = token
    guard current.kind == kind else {
      throw error("expected \(expected), found \(tokenDescription)")
    }
    try advance()
    return current
  }

  /// Moves past the bare word `word`, or throws.
  mutating func expectKeyword(_ word: String) throws(ImportError) {
    guard try consumeKeyword(word) else {
      throw error("expected '\(word)', found \(tokenDescription)")
    }
  }

  /// Counts one more level of nesting, throwing past ``maximumNesting`` so that hostile input
  /// cannot exhaust the stack; pair with ``leaveNesting()``.
  mutating func enterNesting() throws(ImportError) {
    nesting += 1
    if nesting > Self.maximumNesting { throw error("brackets or regions nest too deeply") }
  }

  /// Ends a level begun with ``enterNesting()``.
  mutating func leaveNesting() {
    nesting -= 1
  }

  /// Reads elements up to the token of kind `closer` (consumed), separated by commas; the
  /// opening bracket must already be consumed.
  mutating func parseList(
    closedBy closer: Token.Kind, _ element: (inout Parser) throws(ImportError) -> Void
  ) throws(ImportError) {
    try enterNesting()
    defer { leaveNesting() }
    if try consume(closer) { return }
    repeat {
      try element(&self)
    } while try consume(.comma)
    guard try consume(closer) else {
      throw error("expected ',' or a closing bracket, found \(tokenDescription)")
    }
  }

  /// Reads a possibly negative integer literal.
  mutating func parseInteger() throws(ImportError) -> Int {
    let negative = try consume(.minus)
    return try signedValue(of: try expect(.integer, "an integer"), negative: negative)
  }

  /// An integer token as an `Int`, negated if `negative`; throws when it does not fit.
  func signedValue(of literal: Token, negative: Bool) throws(ImportError) -> Int {
    let magnitude = try unsignedValue(of: literal)
    if negative, magnitude == UInt64(Int.max) + 1 { return Int.min }
    guard magnitude <= UInt64(Int.max) else { throw overflow(at: literal) }
    return negative ? -Int(magnitude) : Int(magnitude)
  }

  /// `[1, 2, 3]`.
  mutating func parseIntegerList() throws(ImportError) -> [Int] {
    try expect(.leftSquare, "'['")
    var values: [Int] = []
    try parseList(closedBy: .rightSquare) { parser throws(ImportError) in
      values.append(try parser.parseInteger())
    }
    return values
  }

  /// The value of a decimal or `0x` hex integer token.
  func unsignedValue(of literal: Token) throws(ImportError) -> UInt64 {
    let digits = lexer.bytes[literal.start..<literal.end]
    let isHex = digits.count > 2 && digits.dropFirst().first == UInt8(ascii: "x")
    let radix: UInt64 = isHex ? 16 : 10
    var value: UInt64 = 0
    for digit in digits.dropFirst(isHex ? 2 : 0) {
      guard let digitValue = digit.hexValue else {
        throw error("malformed integer", at: literal.location)
      }
      let (shifted, overflowed) = value.multipliedReportingOverflow(by: radix)
      let (sum, carried) = shifted.addingReportingOverflow(UInt64(digitValue))
      if overflowed || carried { throw overflow(at: literal) }
      value = sum
    }
    return value
  }

  private func overflow(at literal: Token) -> ImportError {
    error("integer \(lexer.text(of: literal).prefix(40)) is out of range", at: literal.location)
  }
}
