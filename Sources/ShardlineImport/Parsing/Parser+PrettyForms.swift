extension Parser {
  /// Reads an op's pretty syntax after its name, turning it into generic attributes.
  mutating func parsePrettyForm(into operation: inout Operation) throws(ImportError) {
    switch operation.name {
    case "stablehlo.constant": try parseConstant(into: &operation)
    case "stablehlo.compare": try parseCompare(into: &operation)
    case "stablehlo.slice": try parseSlice(into: &operation)
    case "stablehlo.dot_general", "stablehlo.dot": try parseDot(into: &operation)
    case "stablehlo.convolution": try parseConvolution(into: &operation)
    case "stablehlo.reduce": try parseReduce(into: &operation)
    case "stablehlo.while": try parseWhile(into: &operation)
    case "stablehlo.custom_call", "func.call": try parseCall(into: &operation)
    case "stablehlo.composite": try parseComposite(into: &operation)
    case "stablehlo.get_tuple_element": try parseGetTupleElement(into: &operation)
    case "stablehlo.reduce_precision": try parseReducePrecision(into: &operation)
    case "sdy.sharding_constraint", "sdy.reshard": try parseShardingConstraint(into: &operation)
    case "sdy.manual_computation": try parseManualComputation(into: &operation)
    default:
      guard let form = PrettyForm.named(operation.name) else {
        throw error(
          "the pretty syntax of this op is not supported; print it in generic form",
          at: operation.location)
      }
      operation.operands = try parseBareValueReferences()
      try parseClauses(form.clauses, into: &operation)
      try parseAttributesAndSignature(form.signature, into: &operation)
    }
  }

  /// `, keyword = value` clauses (the first without a comma when there are no operands), each
  /// stored under its generic name; values are integers, integer lists, or enumerators
  /// (`algorithm = DEFAULT` → `rng_algorithm = #stablehlo<rng_algorithm DEFAULT>`).
  private mutating func parseClauses(
    _ clauses: [String: String], into operation: inout Operation
  ) throws(ImportError) {
    var expectsComma = !operation.operands.isEmpty
    while !clauses.isEmpty {
      if expectsComma {
        guard try consume(.comma) else { return }
      } else if token.kind != .bareIdentifier {
        return
      }
      expectsComma = true
      let keyword = try expect(.bareIdentifier, "a clause such as 'dims = …'")
      guard let name = clauses[lexer.text(of: keyword)] else {
        throw error(
          "unexpected clause '\(lexer.text(of: keyword).prefix(40))'", at: keyword.location)
      }
      try expect(.equal, "'='")
      let value: Attribute
      switch token.kind {
      case .leftSquare: value = try parseAttribute()
      case .bareIdentifier:
        value = .enumeration(name: name, value: tokenText)
        try advance()
      default: value = .integer(try parseInteger())
      }
      operation.attributes.append(NamedAttribute(name, value))
    }
  }

  /// An optional `{attributes}`, then `: types` read as `signature` says (nothing at all for a
  /// terminator without operands).
  mutating func parseAttributesAndSignature(
    _ signature: PrettyForm.Signature, into operation: inout Operation
  ) throws(ImportError) {
    if token.kind == .leftBrace {
      operation.attributes += try parseDictionary()
    }
    if case .terminator = signature, operation.operands.isEmpty, token.kind != .colon { return }
    try expect(.colon, "':' before the op's type")
    if token.kind == .leftParen {
      (operation.operandTypes, operation.resultTypes) = try parseFunctionType()
      return
    }
    let types = try parseTypes()
    if try consume(.arrow) {
      operation.operandTypes = types
      operation.resultTypes = try parseResultTypes()
      return
    }
    try apply(signature, types, to: &operation)
  }

  private func apply(
    _ signature: PrettyForm.Signature, _ types: [MLIRType], to operation: inout Operation
  ) throws(ImportError) {
    let operandCount = operation.operands.count
    switch signature {
    case .sameType:
      guard types.count == 1, let type = types.first else {
        throw error("expected one type for all operands and the result", at: operation.location)
      }
      operation.operandTypes = Array(repeating: type, count: operandCount)
      operation.resultTypes = [type]
    case .select:
      guard types.count == 2, operandCount == 3 else {
        throw error(
          "expected three operands and the types of predicate and result", at: operation.location)
      }
      operation.operandTypes = [types[0], types[1], types[1]]
      operation.resultTypes = [types[1]]
    case .perOperand, .terminator:
      guard types.count == operandCount else {
        throw error("\(operandCount) operands but \(types.count) types", at: operation.location)
      }
      operation.operandTypes = types
      if case .perOperand = signature { operation.resultTypes = types }
    }
  }

  /// `stablehlo.constant {attributes} dense<…> : tensor<…>` → `value`.
  private mutating func parseConstant(into operation: inout Operation) throws(ImportError) {
    if token.kind == .leftBrace {
      operation.attributes = try parseDictionary()
    }
    let value = try parseAttribute()
    guard case .dense(_, let type) = value else {
      throw error("expected a dense<…> value", at: operation.location)
    }
    operation.attributes.append(NamedAttribute("value", value))
    operation.resultTypes = [type]
  }

  /// `compare GT, %a, %b, FLOAT : …` → `comparison_direction`, `compare_type`.
  private mutating func parseCompare(into operation: inout Operation) throws(ImportError) {
    let direction = try expect(.bareIdentifier, "a comparison direction such as GT")
    operation.attributes.append(
      NamedAttribute(
        "comparison_direction",
        .enumeration(name: "comparison_direction", value: lexer.text(of: direction))))
    try expect(.comma, "','")
    operation.operands = try parseBareValueReferences()
    if try consume(.comma) {
      let type = try expect(.bareIdentifier, "a comparison type such as FLOAT")
      operation.attributes.append(
        NamedAttribute(
          "compare_type", .enumeration(name: "comparison_type", value: lexer.text(of: type))))
    }
    try parseAttributesAndSignature(.sameType, into: &operation)
  }

  /// `slice %x [0:4:2, 1:3] : …` → `start_indices`, `limit_indices`, `strides`.
  private mutating func parseSlice(into operation: inout Operation) throws(ImportError) {
    operation.operands = [try parseValueReference()]
    try expect(.leftSquare, "'['")
    var starts: [Attribute] = []
    var limits: [Attribute] = []
    var strides: [Attribute] = []
    try parseList(closedBy: .rightSquare) { parser throws(ImportError) in
      starts.append(.integer(try parser.parseInteger()))
      try parser.expect(.colon, "':'")
      limits.append(.integer(try parser.parseInteger()))
      strides.append(.integer(try parser.consume(.colon) ? try parser.parseInteger() : 1))
    }
    operation.attributes += [
      NamedAttribute("start_indices", .array(starts)),
      NamedAttribute("limit_indices", .array(limits)),
      NamedAttribute("strides", .array(strides)),
    ]
    try parseAttributesAndSignature(.sameType, into: &operation)
  }

  /// `call @f(%a) : …` → `callee`; `custom_call @target(%a) {…} : …` → `call_target_name`.
  private mutating func parseCall(into operation: inout Operation) throws(ImportError) {
    let symbol = try symbolName()
    operation.attributes.append(
      operation.name == "func.call"
        ? NamedAttribute("callee", .symbol(symbol))
        : NamedAttribute("call_target_name", .string(symbol)))
    try expect(.leftParen, "'(' before the operands")
    operation.operands = try parseValueReferences(closedBy: .rightParen)
    try parseAttributesAndSignature(.sameType, into: &operation)
  }

  /// `composite "name" %a, %b {composite_attributes = …, decomposition = @f} : …` → `name`.
  private mutating func parseComposite(into operation: inout Operation) throws(ImportError) {
    let name = try expect(.string, "the composite's name")
    operation.attributes.append(NamedAttribute("name", .string(try lexer.decodeString(name))))
    operation.operands = try parseBareValueReferences()
    try parseAttributesAndSignature(.sameType, into: &operation)
  }

  /// `get_tuple_element %t[1] : …` → `index`.
  private mutating func parseGetTupleElement(into operation: inout Operation) throws(ImportError) {
    operation.operands = [try parseValueReference()]
    try expect(.leftSquare, "'['")
    operation.attributes.append(NamedAttribute("index", .integer(try parseInteger())))
    try expect(.rightSquare, "']'")
    try parseAttributesAndSignature(.sameType, into: &operation)
  }

  /// `reduce_precision %x, format = e5m2 : …` → `exponent_bits`, `mantissa_bits`.
  private mutating func parseReducePrecision(into operation: inout Operation) throws(ImportError) {
    operation.operands = try parseBareValueReferences()
    try expect(.comma, "','")
    try expectKeyword("format")
    try expect(.equal, "'='")
    let format = tokenText.split(separator: "m")
    guard token.kind == .bareIdentifier, format.count == 2, format[0].first == "e",
      let exponent = Int(format[0].dropFirst()), let mantissa = Int(format[1])
    else { throw error("expected a format such as e5m2, found \(tokenDescription)") }
    try advance()
    operation.attributes += [
      NamedAttribute("exponent_bits", .integer(exponent)),
      NamedAttribute("mantissa_bits", .integer(mantissa)),
    ]
    try parseAttributesAndSignature(.sameType, into: &operation)
  }

  /// `sdy.sharding_constraint %x <@mesh, [{"x"}, {}]> : …` → `sharding` (as
  /// `#sdy.sharding<…>` text).
  private mutating func parseShardingConstraint(into operation: inout Operation) throws(ImportError)
  {
    operation.operands = [try parseValueReference()]
    let sharding = "#sdy.sharding<" + (try skipAngleBrackets()) + ">"
    operation.attributes.append(NamedAttribute("sharding", .opaque(sharding)))
    try parseAttributesAndSignature(.sameType, into: &operation)
  }
}
