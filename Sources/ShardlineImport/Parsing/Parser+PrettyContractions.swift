extension Parser {
  /// `dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1],
  /// precision = [DEFAULT, DEFAULT], algorithm = <…> : …` → `dot_dimension_numbers` (as
  /// `#stablehlo.dot<…>` gives it: only non-empty fields), `precision_config`, `algorithm`;
  /// `dot %a, %b, precision = […] : …` likewise without dimensions.
  mutating func parseDot(into operation: inout Operation) throws(ImportError) {
    operation.operands = try parseBareValueReferences()
    var dimensions: [String: (lhs: [Int], rhs: [Int])] = [:]
    while try consume(.comma) {
      let clause = try expect(.bareIdentifier, "a clause such as 'contracting_dims = …'")
      let keyword = lexer.text(of: clause)
      try expect(.equal, "'='")
      switch keyword {
      case "batching_dims", "contracting_dims":
        let lhs = try parseIntegerList()
        try expectKeyword("x")
        dimensions[keyword] = (lhs, try parseIntegerList())
      case "precision":
        try expect(.leftSquare, "'['")
        var precisions: [Attribute] = []
        try parseList(closedBy: .rightSquare) { parser throws(ImportError) in
          let precision = try parser.expect(.bareIdentifier, "a precision such as DEFAULT")
          precisions.append(
            .enumeration(name: "precision", value: parser.lexer.text(of: precision)))
        }
        operation.attributes.append(NamedAttribute("precision_config", .array(precisions)))
      case "algorithm":
        let algorithm = "#stablehlo.dot_algorithm<" + (try skipAngleBrackets()) + ">"
        operation.attributes.append(NamedAttribute("algorithm", .opaque(algorithm)))
      default:
        throw error("unexpected clause '\(keyword.prefix(40))'", at: clause.location)
      }
    }
    if operation.name == "stablehlo.dot_general" {
      let fields = [
        ("lhs_batching_dimensions", dimensions["batching_dims"]?.lhs),
        ("rhs_batching_dimensions", dimensions["batching_dims"]?.rhs),
        ("lhs_contracting_dimensions", dimensions["contracting_dims"]?.lhs),
        ("rhs_contracting_dimensions", dimensions["contracting_dims"]?.rhs),
      ].compactMap { name, values -> NamedAttribute? in
        guard let values, !values.isEmpty else { return nil }
        return NamedAttribute(name, .array(values.map(Attribute.integer)))
      }
      operation.attributes.insert(
        NamedAttribute("dot_dimension_numbers", .structured(kind: "dot", fields: fields)), at: 0)
    }
    try parseAttributesAndSignature(.sameType, into: &operation)
  }

  /// `convolution(%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f],
  /// window = {stride = […], pad = [[1, 1], …], lhs_dilate = […], rhs_dilate = […],
  /// reverse = […]} {attributes} : …` → `dimension_numbers`, `window_strides`, `padding`,
  /// `lhs_dilation`, `rhs_dilation`, `window_reversal`, and the attributes as written.
  mutating func parseConvolution(into operation: inout Operation) throws(ImportError) {
    try expect(.leftParen, "'(' before the operands")
    operation.operands = try parseValueReferences(closedBy: .rightParen)
    try expectKeyword("dim_numbers")
    try expect(.equal, "'='")
    operation.attributes.append(NamedAttribute("dimension_numbers", try parseConvolutionLayout()))
    if try consume(.comma) {
      try expectKeyword("window")
      try expect(.equal, "'='")
      try parseConvolutionWindow(into: &operation)
    }
    try parseAttributesAndSignature(.sameType, into: &operation)
  }

  private static let windowFields = [
    "stride": "window_strides", "pad": "padding", "lhs_dilate": "lhs_dilation",
    "rhs_dilate": "rhs_dilation", "reverse": "window_reversal",
  ]

  /// `{stride = […], pad = […], …}`.
  private mutating func parseConvolutionWindow(
    into operation: inout Operation
  ) throws(ImportError) {
    try expect(.leftBrace, "'{'")
    try parseList(closedBy: .rightBrace) { parser throws(ImportError) in
      let field = try parser.expect(.bareIdentifier, "a window field such as 'stride'")
      guard let name = Self.windowFields[parser.lexer.text(of: field)] else {
        throw parser.error(
          "unexpected window field '\(parser.lexer.text(of: field).prefix(40))'", at: field.location
        )
      }
      try parser.expect(.equal, "'='")
      operation.attributes.append(NamedAttribute(name, try parser.parseAttribute()))
    }
  }
}
