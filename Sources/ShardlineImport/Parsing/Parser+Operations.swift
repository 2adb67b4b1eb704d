extension Parser {
  /// `{ ^bb0(%a: tensor<f32>, …): ops }`: one block; `arguments` are those given from outside
  /// (a function's, a while's iteration values), a `^bb0(…)` header adds its own.
  mutating func parseRegion(arguments: [BlockArgument] = []) throws(ImportError) -> Block {
    try enterNesting()
    defer { leaveNesting() }
    try expect(.leftBrace, "'{'")
    var blockArguments = arguments
    if try consume(.caretIdentifier) {
      if try consume(.leftParen) {
        try parseList(closedBy: .rightParen) { parser throws(ImportError) in
          blockArguments.append(try parser.parseBlockArgument())
        }
      }
      try expect(.colon, "':' after the block label")
    }
    var operations: [Operation] = []
    while try !consume(.rightBrace) {
      if token.kind == .caretIdentifier {
        throw error("regions with more than one block are not supported")
      }
      operations.append(try parseOperation())
    }
    return Block(arguments: blockArguments, operations: operations)
  }

  /// One operation, generic (`%0 = "stablehlo.add"(…) : …`) or pretty
  /// (`%0 = stablehlo.add %a, %b : …`), with its trailing `loc(…)`.
  mutating func parseOperation() throws(ImportError) -> Operation {
    let (resultName, resultCount) = try parseResultGroups()
    let location = token.location
    let isGeneric = token.kind == .string
    let name: String
    switch token.kind {
    case .string: name = try lexer.decodeString(token)
    case .bareIdentifier: name = Self.canonicalName(tokenText)
    default: throw error("expected an operation, found \(tokenDescription)")
    }
    let enclosingOp = currentOp
    currentOp = name
    defer { currentOp = enclosingOp }
    try advance()
    var operation = Operation(
      name: name, resultName: resultName, resultCount: resultCount, operands: [],
      resultTypes: [], location: location)
    if isGeneric {
      try parseGenericForm(into: &operation)
    } else {
      try parsePrettyForm(into: &operation)
    }
    if resultName != nil, operation.resultTypes.count != resultCount {
      throw error(
        "\(resultCount) results are bound but the type gives \(operation.resultTypes.count)",
        at: location)
    }
    operation.debugName = try parseDebugName(for: location)
    return operation
  }

  /// The results bound before `=`: `%5`, `%5:2`, or several groups (`%output_state, %output`),
  /// which are bound as one name with results numbered across the groups, later uses of the
  /// other groups' names being rewritten to it (`%output` → `%output_state#1`).
  private mutating func parseResultGroups() throws(ImportError) -> (name: String?, count: Int) {
    guard token.kind == .percentIdentifier else { return (nil, 0) }
    var groups: [(name: String, count: Int)] = []
    repeat {
      let name = try parseValueName()
      let count = try consume(.colon) ? try parseInteger() : 1
      guard count >= 1 else { throw error("an op must have at least one result") }
      groups.append((name, count))
    } while try consume(.comma)
    try expect(.equal, "'='")
    var offset = 0
    if groups.count > 1, let first = groups.first {
      for group in groups {
        resultAliases[group.name] = (first.name, offset)
        let (next, overflowed) = offset.addingReportingOverflow(group.count)
        guard !overflowed else { throw error("too many results") }
        offset = next
      }
    }
    return (groups.first?.name, max(offset, groups.first?.count ?? 0))
  }

  /// `return` and `call` are `func.return` and `func.call` written short.
  private static func canonicalName(_ name: String) -> String {
    switch name {
    case "return": "func.return"
    case "call": "func.call"
    default: name
    }
  }

  /// `(%a, %b) <{properties}> ({regions}) {attributes} : (types) -> types`, after the name.
  private mutating func parseGenericForm(into operation: inout Operation) throws(ImportError) {
    try expect(.leftParen, "'(' before the operands")
    operation.operands = try parseValueReferences(closedBy: .rightParen)
    if try consume(.less) {
      operation.attributes = try parseDictionary()
      try expect(.greater, "'>' after the properties")
    }
    if try consume(.leftParen) {
      try parseList(closedBy: .rightParen) { parser throws(ImportError) in
        operation.regions.append(try parser.parseRegion())
      }
    }
    if token.kind == .leftBrace {
      operation.attributes += try parseDictionary()
    }
    try expect(.colon, "':' before the op's type")
    (operation.operandTypes, operation.resultTypes) = try parseFunctionType()
  }

  /// `%name` (or `%name:2` minus the count) as a name without `%`.
  mutating func parseValueName() throws(ImportError) -> String {
    let value = try expect(.percentIdentifier, "a value name such as %0")
    let name = lexer.text(of: value).dropFirst()
    guard !name.contains("#") else {
      throw error("expected a value name, found a result use", at: value.location)
    }
    return String(name)
  }

  /// `%5`, `%arg0`, `%7#1`.
  mutating func parseValueReference() throws(ImportError) -> ValueReference {
    let value = try expect(.percentIdentifier, "a value such as %0")
    let text = lexer.text(of: value).dropFirst()
    var name = String(text)
    var result: Int?
    if let hash = text.firstIndex(of: "#") {
      guard let number = Int(text[text.index(after: hash)...]) else {
        throw error("result number out of range", at: value.location)
      }
      name = String(text[..<hash])
      result = number
    }
    guard let alias = resultAliases[name] else {
      return ValueReference(name: name, result: result, location: value.location)
    }
    let (index, overflowed) = alias.offset.addingReportingOverflow(result ?? 0)
    guard !overflowed else { throw error("result number out of range", at: value.location) }
    return ValueReference(name: alias.name, result: index, location: value.location)
  }

  /// Values separated by commas up to `closer` (consumed); the opener is already consumed.
  mutating func parseValueReferences(
    closedBy closer: Token.Kind
  ) throws(ImportError) -> [ValueReference] {
    var values: [ValueReference] = []
    try parseList(closedBy: closer) { parser throws(ImportError) in
      values.append(try parser.parseValueReference())
    }
    return values
  }

  /// `%a, %b, …` with no brackets, possibly none.
  mutating func parseBareValueReferences() throws(ImportError) -> [ValueReference] {
    guard token.kind == .percentIdentifier else { return [] }
    var values = [try parseValueReference()]
    while token.kind == .comma, lexer.peekNonSpaceByte() == UInt8(ascii: "%") {
      try advance()
      values.append(try parseValueReference())
    }
    return values
  }
}
