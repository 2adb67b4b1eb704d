/// One lexical token of StableHLO text: its kind and where its bytes lie.
struct Token: Sendable, Hashable {
  /// What a token is.
  enum Kind: Sendable, Hashable {
    /// The end of the text.
    case endOfFile
    /// `stablehlo.add`, `tensor`, `dense`, `true`, `x`.
    case bareIdentifier
    /// `%5`, `%arg0`, `%7#1`.
    case percentIdentifier
    /// `@main`, `@"quoted name"`.
    case atIdentifier
    /// `#loc12`, `#stablehlo`, `#sdy.sharding`.
    case hashIdentifier
    /// `^bb0`.
    case caretIdentifier
    /// `!stablehlo.token`.
    case bangIdentifier
    /// `42`, `0x7F800000`.
    case integer
    /// `1.000000e+00`, `-` not included.
    case float
    /// `"text"`, escapes undecoded.
    case string
    case leftParen, rightParen, leftBrace, rightBrace, leftSquare, rightSquare
    case less, greater, comma, colon, equal, arrow, minus, plus, star, question
  }

  /// The kind.
  var kind: Kind
  /// The offset of its first byte in the text.
  var start: Int
  /// The offset just past its last byte.
  var end: Int
  /// Where it starts.
  var location: SourceLocation
}
