extension Parser {
  /// Names of the values in a reduction body built from `applies`; `:` cannot occur in a
  /// written name, so they never clash with the file's own.
  private enum AppliesName {
    static let lhs = "applies:lhs"
    static let rhs = "applies:rhs"
    static let result = "applies:result"
  }

  /// `reduce(%x init: %c) applies stablehlo.add across dimensions = [0] : …`, or with several
  /// `(%x init: %c)` inputs and a body: `… : … reducer(%a: T, %b: T) (%c: U, %d: U) { … }`.
  /// Gives operands inputs-then-inits, `dimensions`, and one region whose arguments are the
  /// accumulators then the elements; an `applies` body is built as the generic form writes it.
  mutating func parseReduce(into operation: inout Operation) throws(ImportError) {
    var inputs: [ValueReference] = []
    var initials: [ValueReference] = []
    repeat {
      try expect(.leftParen, "'(' before a reduction input")
      inputs.append(try parseValueReference())
      try expectKeyword("init")
      try expect(.colon, "':'")
      initials.append(try parseValueReference())
      try expect(.rightParen, "')'")
    } while try consume(.comma)
    operation.operands = inputs + initials
    var applied: Token?
    if try consumeKeyword("applies") {
      applied = try expect(.bareIdentifier, "the op the reduction applies")
    }
    try expectKeyword("across")
    try expectKeyword("dimensions")
    try expect(.equal, "'='")
    operation.attributes.append(
      NamedAttribute("dimensions", .array(try parseIntegerList().map(Attribute.integer))))
    try parseAttributesAndSignature(.sameType, into: &operation)
    if let applied {
      operation.regions = [try appliedBody(applied, inputCount: inputs.count, operation)]
    } else {
      operation.regions = [try parseReducer()]
    }
  }

  /// The body `^bb0(%lhs: T, %rhs: T): %r = op %lhs, %rhs; stablehlo.return %r`, `T` being the
  /// init value's type.
  private func appliedBody(
    _ applied: Token, inputCount: Int, _ operation: Operation
  ) throws(ImportError) -> Block {
    guard inputCount == 1, operation.operandTypes.count == 2 else {
      throw error("'applies' needs exactly one input and its init value", at: applied.location)
    }
    let type = operation.operandTypes[1]
    let location = applied.location
    let arguments = [AppliesName.lhs, AppliesName.rhs].map {
      BlockArgument(name: $0, type: type, location: location)
    }
    let body = Operation(
      name: lexer.text(of: applied), resultName: AppliesName.result, resultCount: 1,
      operands: arguments.map { ValueReference(name: $0.name, location: location) },
      operandTypes: [type, type], resultTypes: [type], location: location)
    let terminator = Operation(
      name: "stablehlo.return", resultName: nil, resultCount: 0,
      operands: [ValueReference(name: AppliesName.result, location: location)],
      operandTypes: [type], resultTypes: [], location: location)
    return Block(arguments: arguments, operations: [body, terminator])
  }

  /// `reducer(%acc0: T, %x0: T) (%acc1: U, %x1: U) { … }`: accumulators first in the block.
  private mutating func parseReducer() throws(ImportError) -> Block {
    try expectKeyword("reducer")
    var accumulators: [BlockArgument] = []
    var elements: [BlockArgument] = []
    while try consume(.leftParen) {
      accumulators.append(try parseBlockArgument())
      try expect(.comma, "','")
      elements.append(try parseBlockArgument())
      try expect(.rightParen, "')'")
    }
    return try parseRegion(arguments: accumulators + elements)
  }

  /// `while(%iterArg = %a, …) : T, … attributes {…} cond { … } do { … }`: operands, and two
  /// regions whose arguments are the iteration values.
  mutating func parseWhile(into operation: inout Operation) throws(ImportError) {
    try expect(.leftParen, "'('")
    var names: [(String, SourceLocation)] = []
    try parseList(closedBy: .rightParen) { parser throws(ImportError) in
      let location = parser.token.location
      names.append((try parser.parseValueName(), location))
      try parser.expect(.equal, "'='")
      operation.operands.append(try parser.parseValueReference())
    }
    if !names.isEmpty {
      try expect(.colon, "':' before the iteration types")
      operation.operandTypes = try parseTypes()
    }
    guard operation.operandTypes.count == names.count else {
      throw error("\(names.count) iteration values but \(operation.operandTypes.count) types")
    }
    operation.resultTypes = operation.operandTypes
    if try consumeKeyword("attributes") {
      operation.attributes = try parseDictionary()
    }
    let arguments = zip(names, operation.operandTypes).map { name, type in
      BlockArgument(name: name.0, type: type, location: name.1)
    }
    try expectKeyword("cond")
    let condition = try parseRegion(arguments: arguments)
    try expectKeyword("do")
    operation.regions = [condition, try parseRegion(arguments: arguments)]
  }

  /// `sdy.manual_computation(%x) in_shardings=[<@mesh, …>] out_shardings=[…]
  /// manual_axes={"x"} (%arg1: T) { … } : (…) -> …` → `in_shardings`, `out_shardings` (as
  /// `#sdy.sharding_per_value<[…]>`), `manual_axes` (as `#sdy<manual_axes{…}>`), and the body.
  mutating func parseManualComputation(into operation: inout Operation) throws(ImportError) {
    try expect(.leftParen, "'(' before the operands")
    operation.operands = try parseValueReferences(closedBy: .rightParen)
    for keyword in ["in_shardings", "out_shardings"] {
      try expectKeyword(keyword)
      try expect(.equal, "'='")
      guard token.kind == .leftSquare else {
        throw error("expected '[', found \(tokenDescription)")
      }
      let shardings = "#sdy.sharding_per_value<" + (try skipBracketed()) + ">"
      operation.attributes.append(NamedAttribute(keyword, .opaque(shardings)))
    }
    try expectKeyword("manual_axes")
    try expect(.equal, "'='")
    guard token.kind == .leftBrace else { throw error("expected '{', found \(tokenDescription)") }
    let axes = "#sdy<manual_axes" + (try skipBracketed()) + ">"
    operation.attributes.append(NamedAttribute("manual_axes", .opaque(axes)))
    try expect(.leftParen, "'(' before the body's arguments")
    var arguments: [BlockArgument] = []
    try parseList(closedBy: .rightParen) { parser throws(ImportError) in
      arguments.append(try parser.parseBlockArgument())
    }
    operation.regions = [try parseRegion(arguments: arguments)]
    try expect(.colon, "':' before the op's type")
    (operation.operandTypes, operation.resultTypes) = try parseFunctionType()
  }
}
