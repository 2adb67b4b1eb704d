import ShardlineIR
import ShardlineInterpreter

@testable import ShardlineImport

/// Builds ``Module``s by hand, one op per line, until tests can parse StableHLO text.
///
/// Types are written as in StableHLO without `tensor<…>`: `2x3xf32`, `f32` for a scalar. Results
/// are named `%0`, `%1`, … in order; arguments `%arg0`, …; op `n` (counting from 0, regions
/// included) sits on line `n + 2`, column 5, so tests can check error locations.
final class ModuleSketch {
  private var arguments: [BlockArgument] = []
  private var operations: [Operation] = []
  private var resultTypes: [MLIRType] = []
  private var resultAttributes: [[NamedAttribute]] = []
  private let counter: Counter
  private let prefix: String

  /// Shared numbering of lines and result names across a function and its regions.
  final class Counter {
    var line = 1
    var result = 0
  }

  init() {
    counter = Counter()
    prefix = "arg"
  }

  private init(counter: Counter, prefix: String) {
    self.counter = counter
    self.prefix = prefix
  }

  static func type(_ text: String) -> MLIRType {
    let parts = text.split(separator: "x").map(String.init)
    return .tensor(shape: parts.dropLast().compactMap { Int($0) }, element: parts.last ?? text)
  }

  static func reference(_ text: String, line: Int = 1) -> ValueReference {
    let name = text.hasPrefix("%") ? String(text.dropFirst()) : text
    let parts = name.split(separator: "#")
    return ValueReference(
      name: String(parts[0]), result: parts.count > 1 ? Int(parts[1]) : nil,
      location: SourceLocation(line: line, column: 20))
  }

  /// Adds an argument and returns its name.
  @discardableResult
  func argument(
    _ type: String, debugName: String? = nil, attributes: [NamedAttribute] = []
  ) -> String {
    let name = "\(prefix)\(arguments.count)"
    arguments.append(
      BlockArgument(
        name: name, type: Self.type(type), attributes: attributes, debugName: debugName,
        location: SourceLocation(line: 1, column: 10 + 10 * arguments.count)))
    return "%" + name
  }

  /// Adds an op with `types.count` results and returns its result name.
  @discardableResult
  func op(
    _ name: String, _ operands: [String], _ attributes: KeyValuePairs<String, Attribute>,
    types: [String], regions: [Block] = [], debugName: String? = nil
  ) -> String {
    counter.line += 1
    let line = counter.line
    let result = "\(counter.result)"
    counter.result += 1
    operations.append(
      Operation(
        name: name, resultName: types.isEmpty ? nil : result, resultCount: types.count,
        operands: operands.map { Self.reference($0, line: line) },
        attributes: attributes.map { NamedAttribute($0.key, $0.value) },
        regions: regions, resultTypes: types.map(Self.type),
        location: SourceLocation(line: line, column: 5), debugName: debugName))
    return "%" + result
  }

  /// Adds a single-result op with attributes.
  @discardableResult
  func op(
    _ name: String, _ operands: [String], _ attributes: KeyValuePairs<String, Attribute>,
    _ type: String, regions: [Block] = [], debugName: String? = nil
  ) -> String {
    op(name, operands, attributes, types: [type], regions: regions, debugName: debugName)
  }

  /// Adds a single-result op without attributes.
  @discardableResult
  func op(_ name: String, _ operands: [String], _ type: String, debugName: String? = nil)
    -> String
  {
    op(name, operands, [:], types: [type], debugName: debugName)
  }

  /// A region built by `body`, with block arguments of the given types.
  func region(_ types: [String], _ body: (ModuleSketch, [String]) -> Void) -> Block {
    let inner = ModuleSketch(counter: counter, prefix: "r\(counter.line)_")
    let arguments = types.map { inner.argument($0) }
    body(inner, arguments)
    return Block(arguments: inner.arguments, operations: inner.operations)
  }

  /// A region applying `op` to its two scalar arguments of element type `element`.
  func combiner(_ op: String, _ element: String) -> Block {
    region([element, element]) { r, args in
      r.terminate([r.op(op, args, element)])
    }
  }

  /// Ends a region with `stablehlo.return`.
  func terminate(_ values: [String]) {
    counter.line += 1
    operations.append(
      Operation(
        name: "stablehlo.return", resultName: nil, resultCount: 0,
        operands: values.map { Self.reference($0) }, resultTypes: [],
        location: SourceLocation(line: counter.line, column: 5)))
  }

  /// Ends the function with `func.return` of `values` of `types`, with optional result infos.
  func returns(_ values: [String], _ types: [String], infos: [String?]? = nil) {
    terminate(values)
    operations[operations.count - 1].name = "func.return"
    resultTypes = types.map(Self.type)
    resultAttributes = types.indices.map { index in
      guard let info = infos?[index] else { return [] }
      return [NamedAttribute("jax.result_info", .string(info))]
    }
  }

  /// The function, named `name`.
  func function(_ name: String = "main", isPublic: Bool = true) -> Function {
    Function(
      name: name, isPublic: isPublic, arguments: arguments, resultTypes: resultTypes,
      resultAttributes: resultAttributes,
      body: Block(arguments: [], operations: operations),
      location: SourceLocation(line: 1, column: 1))
  }

  /// A module holding this function as `main`, plus `others`.
  func module(_ others: [Function] = [], meshes: [String: [MeshAxis]] = [:]) -> Module {
    Module(name: "jit_step", attributes: [], meshes: meshes, functions: [function()] + others)
  }
}

/// Attribute shorthands.
enum A {
  static func ints(_ values: [Int]) -> Attribute { .array(values.map { .integer($0) }) }
  static func dense(_ values: [Double], _ type: String) -> Attribute {
    .dense(.values(values), type: ModuleSketch.type(type))
  }
  static func splat(_ value: Double, _ type: String) -> Attribute {
    .dense(.splat(value), type: ModuleSketch.type(type))
  }
}

/// Imports `sketch`'s module and runs it on `inputs` (one flat array per argument).
func importAndRun(
  _ sketch: ModuleSketch, _ inputs: [[Float]], options: ImportOptions = .init()
) throws -> (model: ImportedModel, outputs: [[Float]]) {
  let model = try StableHLOImporter.importModule(sketch.module(), options: options)
  let graph = model.graph
  let tensors = zip(graph.inputs, inputs).map { input, values in
    HostTensor(graph[input.node].type, storage: values)
  }
  let outputs = try Interpreter.run(graph, inputs: tensors)
  return (model, outputs.map(\.storage))
}

/// The import error importing `sketch`'s module throws, if any.
func importError(_ sketch: ModuleSketch, options: ImportOptions = .init()) -> ImportError? {
  importError(sketch.module(), options: options)
}

/// The import error importing `module` throws, if any.
func importError(_ module: Module, options: ImportOptions = .init()) -> ImportError? {
  do {
    _ = try StableHLOImporter.importModule(module, options: options)
    return nil
  } catch {
    return error
  }
}
