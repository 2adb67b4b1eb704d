import ShardlineIR

/// Imports a JAX training step, printed as StableHLO text and parsed into a ``Module``, as a
/// Shardline training-step ``Graph``.
///
/// The entry function (`main`, or the only public function) becomes the graph: its arguments
/// become inputs, its results outputs. Every op is converted through `GraphBuilder`, so it is
/// type-checked, and its inferred type must equal the type the text writes. Ops the IR lacks are
/// decomposed (`clamp`, `not`, `exponential_minus_one`, argmax reductions, `reduce_window`),
/// `while` loops with a trip count known at import time are unrolled and calls are inlined;
/// anything else unsupported throws — an import never silently drops part of the program.
/// Roles follow ``RoleInference``, phases ``PhaseInference``.
public enum StableHLOImporter {
  /// Imports `module`.
  ///
  /// - Throws: An ``ImportError`` at the place in the text of the first op, type or attribute
  ///   that cannot be imported, or at `main` when roles cannot be inferred.
  public static func importModule(_ module: Module, options: ImportOptions = .init())
    throws(ImportError) -> ImportedModel
  {
    let main = try entry(of: module)
    let converter = Converter(name: graphName(module, options), functions: module.functions)
    let scope = Scope()
    for (index, argument) in main.arguments.enumerated() {
      let type = try argument.type.tensorType(at: argument.location, op: nil)
      let name = argument.debugName.flatMap { KeyPath($0)?.readable } ?? "arg\(index)"
      let node: Value
      do {
        node = try converter.builder.input(converter.uniqueName(name), type)
      } catch {
        throw ImportError(at: argument.location, error.description)
      }
      scope.bind(argument.name, [Bound(node: node)])
    }
    let results = try converter.run(main.body, in: scope, owner: main.location)
    guard results.count == main.resultTypes.count else {
      throw ImportError(
        at: main.location,
        "returns \(results.count) value(s) but declares \(main.resultTypes.count)")
    }
    var resultNodes: [NodeID] = []
    for (result, declared) in zip(results, main.resultTypes) {
      let node = try converter.materialize(result, at: main.location, opName: "func.return")
      let type = try declared.tensorType(at: main.location, op: nil)
      guard type == node.type else {
        throw ImportError(
          at: main.location,
          "shape mismatch: text says \(type.mlirDescription), result is "
            + node.type.mlirDescription)
      }
      resultNodes.append(node.id)
    }
    let built = converter.builder.build()
    var graph = Graph(
      name: built.name, nodes: built.nodes, inputs: built.inputs,
      outputs: resultNodes.map { GraphOutput(node: $0, role: .value) }
    ).pruned()
    try assignRoles(&graph, main: main, options: options)
    PhaseInference.assign(&graph)
    graph.routeUpdatesThroughUpdatePhase()
    do {
      try graph.validate()
    } catch {
      throw ImportError(at: main.location, "the imported graph is invalid: \(error)")
    }
    return ImportedModel(
      graph: graph, argumentShardings: try shardings(main, graph: graph, meshes: module.meshes))
  }

  private static func entry(of module: Module) throws(ImportError) -> Function {
    if let main = module.functions.first(where: { $0.name == "main" }) { return main }
    let exported = module.functions.filter(\.isPublic)
    guard exported.count == 1, let only = exported.first else {
      throw ImportError(
        at: module.functions.first?.location ?? SourceLocation(line: 1, column: 1),
        "no @main function and not exactly one public function")
    }
    return only
  }

  private static func graphName(_ module: Module, _ options: ImportOptions) -> String {
    if let name = options.name { return name }
    guard let name = module.name else { return "imported" }
    return name.hasPrefix("jit_") ? String(name.dropFirst(4)) : name
  }
}
