import ShardlineIR
import Testing

@testable import ShardlineImport

@Suite struct RoleImportTests {
  private static let contractRows = Attribute.structured(
    kind: "dot",
    fields: [
      NamedAttribute("lhs_contracting_dimensions", A.ints([0])),
      NamedAttribute("rhs_contracting_dimensions", A.ints([0])),
    ])

  /// `loss = ½·Σ(x·w)²`, `w' = w − 0.1·xᵀ(x·w)`, without debug names.
  private func sgdStep() -> ModuleSketch {
    let s = ModuleSketch()
    let w = s.argument("2x1xf32")
    let x = s.argument("3x2xf32")
    let numbers = Attribute.structured(
      kind: "dot",
      fields: [
        NamedAttribute("lhs_contracting_dimensions", A.ints([1])),
        NamedAttribute("rhs_contracting_dimensions", A.ints([0])),
      ])
    let y = s.op("stablehlo.dot_general", [x, w], ["dot_dimension_numbers": numbers], "3x1xf32")
    let squares = s.op("stablehlo.multiply", [y, y], "3x1xf32")
    let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32")
    let total = s.op(
      "stablehlo.reduce", [squares, zero], ["dimensions": A.ints([0, 1])], "f32",
      regions: [s.combiner("stablehlo.add", "f32")])
    let half = s.op("stablehlo.constant", [], ["value": A.splat(0.5, "f32")], "f32")
    let loss = s.op("stablehlo.multiply", [total, half], "f32")
    let gradient = s.op(
      "stablehlo.dot_general", [x, y], ["dot_dimension_numbers": Self.contractRows], "2x1xf32")
    let rate = s.op("stablehlo.constant", [], ["value": A.splat(0.1, "f32")], "f32")
    let rates = s.op(
      "stablehlo.broadcast_in_dim", [rate], ["broadcast_dimensions": A.ints([])], "2x1xf32")
    let step = s.op("stablehlo.multiply", [gradient, rates], "2x1xf32")
    let updated = s.op("stablehlo.subtract", [w, step], "2x1xf32")
    s.returns([loss, updated], ["f32", "2x1xf32"])
    return s
  }

  @Test("an SGD step: the loss, a parameter replaced by its update, batch data")
  func sgdRoles() throws {
    let (model, out) = try importAndRun(sgdStep(), [[1, 2], [1, 0, 0, 1, 1, 1]])
    let graph = model.graph
    #expect(graph.inputs.map(\.role) == [.parameter, .batch])
    #expect(graph.outputs.map(\.role) == [.loss, .updatedParameter])
    #expect(graph.outputs[1].replaces == graph.inputs[0].node)
    // y = [1, 2, 3]: loss = 7; gradient = xᵀy = [4, 5]; w' = [0.6, 1.5].
    #expect(out[0] == [7])
    #expect(abs(out[1][0] - 0.6) < 1e-6 && abs(out[1][1] - 1.5) < 1e-6)
  }

  @Test("an SGD step's phases: forward to the loss, the gradient backward, the step update")
  func sgdPhases() throws {
    let graph = try StableHLOImporter.importModule(sgdStep().module()).graph
    func node(_ kind: String, _ index: Int = 0) -> Node {
      graph.nodes.filter { $0.op.kindName == kind }[index]
    }
    #expect(node("dot_general").phase == .forward)
    #expect(node("square").phase == .forward)
    #expect(node("reduce_sum").phase == .forward)
    let gradient = node("dot_general", 1)
    #expect(gradient.phase == .backward)
    #expect(gradient.differentiates == node("dot_general").id)
    #expect(node("multiply", 1).phase == .update)
    #expect(node("broadcast_in_dim").phase == .update)
    #expect(node("subtract").phase == .update)
    #expect(graph.nodes.filter { $0.phase == .update && $0.op.kindName == "constant" }.count == 1)
    #expect(graph.nodes.filter { $0.phase == .backward }.allSatisfy { $0.differentiates != nil })
  }

  /// One Adam step on `p: f32[2]` with optax-style names: `loss = Σ x·p`, `g = Σ_rows x`.
  private func adamStep() -> ModuleSketch {
    let s = ModuleSketch()
    let p = s.argument("2xf32", debugName: "params['b']")
    let mu = s.argument("2xf32", debugName: "opt_state[0].mu['b']")
    let nu = s.argument("2xf32", debugName: "opt_state[0].nu['b']")
    let count = s.argument("i32", debugName: "opt_state[0].count")
    let x = s.argument("3x2xf32", debugName: "batch")
    func constant(_ value: Double, _ type: String = "2xf32") -> String {
      s.op("stablehlo.constant", [], ["value": A.splat(value, type)], type)
    }
    let zero = constant(0, "f32")
    let spread = s.op(
      "stablehlo.broadcast_in_dim", [p], ["broadcast_dimensions": A.ints([1])], "3x2xf32")
    let products = s.op("stablehlo.multiply", [x, spread], "3x2xf32")
    let loss = s.op(
      "stablehlo.reduce", [products, zero], ["dimensions": A.ints([0, 1])], "f32",
      regions: [s.combiner("stablehlo.add", "f32")])
    let g = s.op(
      "stablehlo.reduce", [x, zero], ["dimensions": A.ints([0])], "2xf32",
      regions: [s.combiner("stablehlo.add", "f32")])
    let mu2 = s.op(
      "stablehlo.add",
      [
        s.op("stablehlo.multiply", [mu, constant(0.9)], "2xf32"),
        s.op("stablehlo.multiply", [g, constant(0.1)], "2xf32"),
      ], "2xf32")
    let nu2 = s.op(
      "stablehlo.add",
      [
        s.op("stablehlo.multiply", [nu, constant(0.5)], "2xf32"),
        s.op(
          "stablehlo.multiply", [s.op("stablehlo.multiply", [g, g], "2xf32"), constant(0.5)],
          "2xf32"),
      ], "2xf32")
    let count2 = s.op("stablehlo.add", [count, constant(1, "i32")], "i32")
    let root = s.op("stablehlo.sqrt", [nu2], "2xf32")
    let direction = s.op("stablehlo.divide", [mu2, root], "2xf32")
    let p2 = s.op(
      "stablehlo.subtract", [p, s.op("stablehlo.multiply", [direction, constant(0.5)], "2xf32")],
      "2xf32")
    s.returns(
      [loss, p2, mu2, nu2, count2], ["f32", "2xf32", "2xf32", "2xf32", "i32"],
      infos: [
        "result[0]", "result[1]['b']", "result[2][0].mu['b']", "result[2][0].nu['b']",
        "result[2][0].count",
      ])
    return s
  }

  @Test("an Adam step: names pair results with arguments, state finds its parameter and slot")
  func adamRoles() throws {
    let (model, out) = try importAndRun(
      adamStep(), [[1, 1], [0, 0], [0, 0], [0], [1, 2, 1, 2, 1, 2]])
    let graph = model.graph
    #expect(
      graph.inputs.map(\.role) == [
        .parameter, .optimizerState, .optimizerState, .optimizerState, .batch,
      ])
    #expect(graph.inputs.map(\.slot) == [nil, "mu", "nu", "count", nil])
    let p = graph.inputs[0].node
    #expect(graph.inputs.map(\.parameter) == [nil, p, p, nil, nil])
    #expect(graph[p].name == "params.b")
    #expect(
      graph.outputs.map(\.role) == [.loss, .updatedParameter]
        + Array(repeating: .updatedOptimizerState, count: 3))
    #expect(graph.outputs.map(\.replaces) == [nil] + graph.inputs.prefix(4).map(\.node))
    // g = [3, 6]; mu' = [0.3, 0.6]; nu' = [4.5, 18]; p' = 1 − 0.5·mu'/√nu'.
    #expect(out[0] == [9])
    #expect(out[4] == [1])
    let expected: Float = 1 - 0.15 / Float(4.5).squareRoot()
    #expect(abs(out[1][0] - expected) < 1e-6)
    #expect(graph.inputs[4].initializer == .normal(stddev: 1))
    #expect(graph.inputs[3].initializer == .zeros)
  }

  @Test("Adam's g² and (1−β)·g run in the update; the gradient reduction in backward")
  func adamPhases() throws {
    let graph = try StableHLOImporter.importModule(adamStep().module()).graph
    let reduces = graph.nodes.filter { $0.op.kindName == "reduce_sum" }
    #expect(reduces.map(\.phase) == [.forward, .backward])
    #expect(graph.nodes.filter { $0.op.kindName == "square" }.map(\.phase) == [.update])
    let updates = graph.outputs.dropFirst().map { graph[$0.node].phase }
    #expect(updates.allSatisfy { $0 == .update })
    let users = graph.users()
    for node in graph.nodes where node.phase == .backward {
      #expect(users[node.id.rawValue].allSatisfy { graph[$0].phase != .forward })
    }
  }

  @Test("options force argument roles and the loss; a learning-rate argument is a hyperparameter")
  func overrides() throws {
    let s = ModuleSketch()
    let w = s.argument("2xf32")
    let x = s.argument("2xf32")
    let rate = s.argument("2xf32")
    let loss = s.op(
      "stablehlo.reduce",
      [
        s.op("stablehlo.multiply", [w, x], "2xf32"),
        s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32"),
      ],
      ["dimensions": A.ints([0])], "f32", regions: [s.combiner("stablehlo.add", "f32")])
    let updated = s.op(
      "stablehlo.subtract", [w, s.op("stablehlo.multiply", [x, rate], "2xf32")], "2xf32")
    s.returns([updated, loss], ["2xf32", "f32"])
    let model = try StableHLOImporter.importModule(
      s.module(), options: ImportOptions(batchArguments: [1], lossResult: 1))
    let graph = model.graph
    #expect(graph.inputs.map(\.role) == [.parameter, .batch, .optimizerState])
    #expect(graph.inputs[2].slot == "hyperparameter")
    #expect(graph.outputs.map(\.role) == [.updatedParameter, .loss])
  }

  @Test("a function without a loss imports forward-only with batch inputs")
  func noLoss() throws {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    s.returns([s.op("stablehlo.exponential", [x], "2xf32")], ["2xf32"])
    let graph = try StableHLOImporter.importModule(s.module()).graph
    #expect(graph.inputs.map(\.role) == [.batch])
    #expect(graph.outputs.map(\.role) == [.value])
    #expect(graph.nodes.allSatisfy { $0.phase == .forward })
  }

  @Test("equally good name matches are settled by element-wise data flow, not by order")
  func ambiguousNames() throws {
    let s = ModuleSketch()
    let p = s.argument("2xf32", debugName: "params['b']")
    let m = s.argument("2xf32", debugName: "m['b']")
    let v = s.argument("2xf32", debugName: "v['b']")
    let x = s.argument("3x2xf32", debugName: "x")
    let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32")
    let spread = s.op(
      "stablehlo.broadcast_in_dim", [p], ["broadcast_dimensions": A.ints([1])], "3x2xf32")
    let loss = s.op(
      "stablehlo.reduce", [s.op("stablehlo.multiply", [x, spread], "3x2xf32"), zero],
      ["dimensions": A.ints([0, 1])], "f32", regions: [s.combiner("stablehlo.add", "f32")])
    let g = s.op(
      "stablehlo.reduce", [x, zero], ["dimensions": A.ints([0])], "2xf32",
      regions: [s.combiner("stablehlo.add", "f32")])
    let m2 = s.op("stablehlo.add", [m, g], "2xf32")
    let v2 = s.op("stablehlo.add", [v, s.op("stablehlo.multiply", [g, g], "2xf32")], "2xf32")
    let p2 = s.op(
      "stablehlo.subtract", [p, s.op("stablehlo.divide", [m2, v2], "2xf32")], "2xf32")
    s.returns(
      [v2, m2, p2, loss], ["2xf32", "2xf32", "2xf32", "f32"],
      infos: ["result[0]['b']", "result[1]['b']", "result[2]['b']", "result[3]"])
    let graph = try StableHLOImporter.importModule(s.module()).graph
    let inputs = graph.inputs.map(\.node)
    #expect(graph.outputs.map(\.replaces) == [inputs[2], inputs[1], inputs[0], nil])
    #expect(graph.outputs.map(\.role).last == .loss)
    #expect(graph.inputs.map(\.role) == [.parameter, .optimizerState, .optimizerState, .batch])
    #expect(graph.inputs.map(\.slot) == [nil, "m", "v", nil])
    #expect(graph.inputs.map(\.parameter) == [nil, inputs[0], inputs[0], nil])
  }
}
