extension Parser {
  /// Reads the whole file: location aliases, then one `module` (or bare `func.func`s), then
  /// more aliases; resolves the debug names that wait on aliases.
  mutating func parseFile() throws(ImportError) -> Module {
    var module: Module?
    var looseFunctions: [Function] = []
    while token.kind != .endOfFile {
      if token.kind == .hashIdentifier {
        try parseAlias()
      } else if isKeyword("module"), module == nil, looseFunctions.isEmpty {
        module = try parseModule()
      } else if isKeyword("func.func"), module == nil {
        looseFunctions.append(try parseFunction())
      } else {
        throw error("expected a module or a location alias, found \(tokenDescription)")
      }
    }
    guard var result = module ?? Self.module(of: looseFunctions) else {
      throw error("the file holds no module")
    }
    locations.resolveDebugNames(in: &result)
    return result
  }

  private static func module(of functions: [Function]) -> Module? {
    functions.isEmpty ? nil : Module(name: nil, attributes: [], meshes: [:], functions: functions)
  }

  /// `module @name attributes {…} { sdy.mesh …  func.func … } loc(…)`.
  private mutating func parseModule() throws(ImportError) -> Module {
    try expectKeyword("module")
    var name: String?
    if token.kind == .atIdentifier {
      name = try symbolName()
    }
    let attributes = try consumeKeyword("attributes") ? try parseDictionary() : []
    try expect(.leftBrace, "'{'")
    var meshes: [String: [MeshAxis]] = [:]
    var functions: [Function] = []
    while try !consume(.rightBrace) {
      if isKeyword("func.func") {
        functions.append(try parseFunction())
      } else if isKeyword("sdy.mesh") {
        let (meshName, axes) = try parseMesh()
        meshes[meshName] = axes
      } else {
        throw error("expected 'func.func', 'sdy.mesh' or '}', found \(tokenDescription)")
      }
    }
    try skipLocation()
    return Module(name: name, attributes: attributes, meshes: meshes, functions: functions)
  }

  /// `sdy.mesh @mesh = <["x"=2, "y"=4], device_ids=[…]> {…}`.
  private mutating func parseMesh() throws(ImportError) -> (String, [MeshAxis]) {
    try expectKeyword("sdy.mesh")
    let name = try symbolName()
    try expect(.equal, "'='")
    try expect(.less, "'<'")
    try expect(.leftSquare, "'['")
    var axes: [MeshAxis] = []
    try parseList(closedBy: .rightSquare) { parser throws(ImportError) in
      let axis = try parser.expect(.string, "a mesh axis name")
      try parser.expect(.equal, "'='")
      axes.append(
        MeshAxis(name: try parser.lexer.decodeString(axis), size: try parser.parseInteger()))
    }
    if try consume(.comma) {
      try expectKeyword("device_ids")
      try expect(.equal, "'='")
      _ = try parseIntegerList()
    }
    try expect(.greater, "'>'")
    if token.kind == .leftBrace {
      _ = try parseDictionary()
    }
    try skipLocation()
    return (name, axes)
  }

  /// `func.func public @name(%arg0: tensor<…> {…} loc(…), …) -> (tensor<…> {…}, …) { … }`.
  private mutating func parseFunction() throws(ImportError) -> Function {
    let location = token.location
    try expectKeyword("func.func")
    resultAliases = [:]
    let isPrivate = isKeyword("private")
    if isPrivate || isKeyword("public") || isKeyword("nested") {
      try advance()
    }
    let name = try symbolName()
    try expect(.leftParen, "'('")
    var arguments: [BlockArgument] = []
    try parseList(closedBy: .rightParen) { parser throws(ImportError) in
      arguments.append(try parser.parseBlockArgument())
    }
    var resultTypes: [MLIRType] = []
    var resultAttributes: [[NamedAttribute]] = []
    if try consume(.arrow) {
      if try consume(.leftParen) {
        try parseList(closedBy: .rightParen) { parser throws(ImportError) in
          resultTypes.append(try parser.parseType())
          resultAttributes.append(
            parser.token.kind == .leftBrace ? try parser.parseDictionary() : [])
        }
      } else {
        resultTypes.append(try parseType())
        resultAttributes.append([])
      }
    }
    if try consumeKeyword("attributes") {
      _ = try parseDictionary()
    }
    let body =
      token.kind == .leftBrace
      ? try parseRegion(arguments: arguments) : Block(arguments: arguments, operations: [])
    try skipLocation()
    return Function(
      name: name, isPublic: !isPrivate, arguments: arguments, resultTypes: resultTypes,
      resultAttributes: resultAttributes, body: body, location: location)
  }

  /// `%arg0: tensor<…> {attributes} loc(…)`.
  mutating func parseBlockArgument() throws(ImportError) -> BlockArgument {
    let location = token.location
    let name = try parseValueName()
    try expect(.colon, "':'")
    let type = try parseType()
    let attributes = token.kind == .leftBrace ? try parseDictionary() : []
    let debugName = try parseDebugName(for: location)
    return BlockArgument(
      name: name, type: type, attributes: attributes, debugName: debugName, location: location)
  }

  /// The name of an `@symbol` token, quoted or not.
  mutating func symbolName() throws(ImportError) -> String {
    let symbol = try expect(.atIdentifier, "a symbol name")
    if lexer.byte(at: symbol.start + 1) == UInt8(ascii: "\"") {
      return try lexer.decodeString(symbol)
    }
    return String(lexer.text(of: symbol).dropFirst())
  }
}
