import Testing

@testable import ShardlineImport

@Suite struct LexerTests {
  /// All tokens of `text` up to the end of the file.
  private func tokens(_ text: String) throws -> [(Token.Kind, String)] {
    var lexer = Lexer(text)
    var tokens: [(Token.Kind, String)] = []
    while true {
      let token = try lexer.next()
      if token.kind == .endOfFile { return tokens }
      tokens.append((token.kind, lexer.text(of: token)))
    }
  }

  @Test("reads names, literals and punctuation as MLIR does")
  func readsEveryKind() throws {
    let read = try tokens(
      #"%5:2 = "a\"b"(%7#1) -> @f @"q" #loc1 ^bb0 !stablehlo.token 0x7F 1.5e-3 42 ? * + []{}<>,"#)
    #expect(
      read.map(\.0) == [
        .percentIdentifier, .colon, .integer, .equal, .string, .leftParen, .percentIdentifier,
        .rightParen, .arrow, .atIdentifier, .atIdentifier, .hashIdentifier, .caretIdentifier,
        .bangIdentifier, .integer, .float, .integer, .question, .star, .plus, .leftSquare,
        .rightSquare, .leftBrace, .rightBrace, .less, .greater, .comma,
      ])
    #expect(read.map(\.1).prefix(7) == ["%5", ":", "2", "=", #""a\"b""#, "(", "%7#1"])
  }

  @Test("splits a tensor type's dimensions from its element type only where the parser asks")
  func dimensionsLexAsIdentifiers() throws {
    #expect(try tokens("4x8xbf16").map(\.1) == ["4", "x8xbf16"])
  }

  @Test("counts lines and columns in characters, skipping comments")
  func locations() throws {
    var lexer = Lexer("// comment\n  \"é\" %x\n\t%y")
    let string = try lexer.next()
    let value = try lexer.next()
    let next = try lexer.next()
    #expect(string.location == SourceLocation(line: 2, column: 3))
    #expect(value.location == SourceLocation(line: 2, column: 7))
    #expect(next.location == SourceLocation(line: 3, column: 2))
  }

  @Test("decodes the escapes of string literals")
  func decodesEscapes() throws {
    var lexer = Lexer(#""a\"b\\c\n\0Ad""#)
    #expect(try lexer.decodeString(try lexer.next()) == "a\"b\\c\n\nd")
  }

  @Test("skips balanced brackets past strings and arrows")
  func skipsBalancedBrackets() throws {
    var lexer = Lexer(#"<([i])->([k], ">") {i=8}> rest"#)
    let end = try lexer.skipBalanced(from: try lexer.next())
    #expect(lexer.text(from: 0, to: end) == #"<([i])->([k], ">") {i=8}>"#)
  }

  @Test("reports unterminated strings, stray characters and unclosed brackets")
  func reportsLexicalErrors() {
    #expect(throws: ImportError.self) { try tokens("\"abc") }
    #expect(throws: ImportError.self) { try tokens("a ` b") }
    #expect(throws: ImportError.self) { try tokens("%") }
    var lexer = Lexer("<(]>")
    #expect(throws: ImportError.self) { _ = try lexer.skipBalanced(from: try lexer.next()) }
  }
}
