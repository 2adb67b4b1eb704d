/// A use of an SSA value: `%5`, `%arg0`, `%iterArg_3`, or result `1` of `%7:2` written `%7#1`.
public struct ValueReference: Sendable, Hashable, CustomStringConvertible {
  /// The name without `%`: `5`, `arg0`, `cst_2`.
  public var name: String
  /// For a multi-result op: which result (`#1`); `nil` for single-result names.
  public var result: Int?
  /// Where the use is written.
  public var location: SourceLocation

  /// Creates a reference.
  public init(name: String, result: Int? = nil, location: SourceLocation) {
    self.name = name
    self.result = result
    self.location = location
  }

  /// `%7#1`.
  public var description: String { "%" + name + (result.map { "#\($0)" } ?? "") }
}

/// One operation, in generic form whatever syntax it was written in.
public struct Operation: Sendable, Hashable {
  /// The full op name: `stablehlo.add`, `chlo.square`, `func.call`, `stablehlo.return`.
  public var name: String
  /// The name its results are bound to (`5` for `%5 = …` and `%5:2 = …`); `nil` for ops without
  /// results.
  public var resultName: String?
  /// How many results it has (`2` for `%5:2`).
  public var resultCount: Int
  /// The operands, in order.
  public var operands: [ValueReference]
  /// Attributes, pretty-syntax ones already under their generic names.
  public var attributes: [NamedAttribute]
  /// Regions (a reduction's body; a while's condition then body), each one block.
  public var regions: [Block]
  /// Operand types as written in the trailing type signature (may be empty where the text
  /// gives only result types; the converter then takes the types of the operand values).
  public var operandTypes: [MLIRType]
  /// Result types.
  public var resultTypes: [MLIRType]
  /// Where the op name is written.
  public var location: SourceLocation
  /// The name in the op's `loc("…")` debug info, if any, with aliases (`#loc12`) resolved.
  public var debugName: String?

  /// Creates an operation.
  public init(
    name: String, resultName: String?, resultCount: Int, operands: [ValueReference],
    attributes: [NamedAttribute] = [], regions: [Block] = [], operandTypes: [MLIRType] = [],
    resultTypes: [MLIRType], location: SourceLocation, debugName: String? = nil
  ) {
    self.name = name
    self.resultName = resultName
    self.resultCount = resultCount
    self.operands = operands
    self.attributes = attributes
    self.regions = regions
    self.operandTypes = operandTypes
    self.resultTypes = resultTypes
    self.location = location
    self.debugName = debugName
  }
}

/// A block argument or a function argument.
public struct BlockArgument: Sendable, Hashable {
  /// The name without `%`: `arg0`, `iterArg`.
  public var name: String
  /// Its type.
  public var type: MLIRType
  /// Attributes written after the type (`{jax.buffer_donor = true}`, `sdy.sharding = …`).
  public var attributes: [NamedAttribute]
  /// The name in its `loc("…")`, if any: JAX writes the argument's Python path there
  /// (`params['w1']`).
  public var debugName: String?
  /// Where the argument is written.
  public var location: SourceLocation

  /// Creates an argument.
  public init(
    name: String, type: MLIRType, attributes: [NamedAttribute] = [], debugName: String? = nil,
    location: SourceLocation
  ) {
    self.name = name
    self.type = type
    self.attributes = attributes
    self.debugName = debugName
    self.location = location
  }
}

/// A block: its arguments and its operations, the last being the terminator
/// (`stablehlo.return`, `func.return`).
public struct Block: Sendable, Hashable {
  /// Block arguments (a reducer's `%a`, `%b`; a while body's iteration values).
  public var arguments: [BlockArgument]
  /// Operations in order, terminator last.
  public var operations: [Operation]

  /// Creates a block.
  public init(arguments: [BlockArgument], operations: [Operation]) {
    self.arguments = arguments
    self.operations = operations
  }
}

/// A `func.func`.
public struct Function: Sendable, Hashable {
  /// The symbol name without `@`: `main`, `_where`.
  public var name: String
  /// `public` or `private`.
  public var isPublic: Bool
  /// The arguments, with their attributes and debug names.
  public var arguments: [BlockArgument]
  /// Result types.
  public var resultTypes: [MLIRType]
  /// Each result's attributes (`{jax.result_info = "result[1]['w1']"}`), one list per result.
  public var resultAttributes: [[NamedAttribute]]
  /// The body; its terminator is `func.return` (or `return`, spelled `func.return` here).
  public var body: Block
  /// Where `func.func` is written.
  public var location: SourceLocation

  /// Creates a function.
  public init(
    name: String, isPublic: Bool, arguments: [BlockArgument], resultTypes: [MLIRType],
    resultAttributes: [[NamedAttribute]], body: Block, location: SourceLocation
  ) {
    self.name = name
    self.isPublic = isPublic
    self.arguments = arguments
    self.resultTypes = resultTypes
    self.resultAttributes = resultAttributes
    self.body = body
    self.location = location
  }
}

/// A parsed `module`: its functions, the entry point being `main` (or the only public one).
public struct Module: Sendable, Hashable {
  /// The module's symbol name (`jit_step`), if written.
  public var name: String?
  /// Module attributes (`mhlo.num_partitions`, `sdy.mesh` definitions as opaque text).
  public var attributes: [NamedAttribute]
  /// Top-level `sdy.mesh @mesh = <["x"=2, "y"=4]>` definitions: name → axes and sizes in order.
  public var meshes: [String: [MeshAxis]]
  /// All functions, in file order.
  public var functions: [Function]

  /// Creates a module.
  public init(
    name: String?, attributes: [NamedAttribute], meshes: [String: [MeshAxis]],
    functions: [Function]
  ) {
    self.name = name
    self.attributes = attributes
    self.meshes = meshes
    self.functions = functions
  }
}

/// One axis of an `sdy.mesh`: `"x"=2`.
public struct MeshAxis: Sendable, Hashable {
  /// The axis name.
  public var name: String
  /// How many devices lie along it.
  public var size: Int

  /// Creates an axis.
  public init(name: String, size: Int) {
    self.name = name
    self.size = size
  }
}
