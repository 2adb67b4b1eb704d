import Foundation
import ShardlineIR
import ShardlineImport
import ShardlineInterpreter
import ShardlineTestSupport
import Testing

/// The fixtures `Samples/jax/export_train_step.py` wrote: each imports, and the reference
/// interpreter on the imported graph reproduces the outputs JAX computed for the same inputs.
@Suite("JAX fixtures import and reproduce JAX's numbers")
struct JAXFixtureTests {
  /// The fixture `name` imported.
  static func imported(_ name: String) throws -> ImportedModel {
    let text = try String(
      contentsOfFile: SampleFiles.path("jax/fixtures/\(name).mlir"), encoding: .utf8)
    var options = ImportOptions()
    options.name = name
    return try StableHLOImporter.importModule(StableHLOParser.parse(text), options: options)
  }

  /// The reference inputs of fixture `name`, as host tensors, and JAX's outputs.
  static func reference(_ name: String) throws -> (inputs: [HostTensor], outputs: [HostTensor]) {
    let reference = try JAXReference(
      jsonData: try SampleFiles.data("jax/fixtures/\(name).reference.json"))
    return (
      reference.inputs.map { HostTensor($0.type, storage: $0.values) },
      reference.outputs.map { HostTensor($0.type, storage: $0.values) }
    )
  }

  /// f32 fixtures hold to 1e-4; the bf16 one computes in bf16 (8 significant bits) in another
  /// summation order than XLA's, and holds to 2e-2.
  @Test(
    "the interpreter on the imported step gives JAX's loss and every updated tensor",
    arguments: [
      ("mlp", 1e-4), ("gpt", 1e-4), ("gpt_scan", 1e-4), ("gpt_clip", 1e-4), ("moe", 1e-4),
      ("convnet", 1e-4),
      ("gpt_bf16", 2e-2),
    ])
  func reproducesJAX(name: String, tolerance: Double) throws {
    let graph = try Self.imported(name).graph
    let (inputs, expected) = try Self.reference(name)
    try #require(inputs.count == graph.inputs.count && expected.count == graph.outputs.count)
    for (input, tensor) in zip(graph.inputs, inputs) {
      try #require(graph[input.node].type == tensor.type, "\(graph[input.node].name)")
    }
    let outputs = try Interpreter.run(graph, inputs: inputs)
    for (index, (got, want)) in zip(outputs, expected).enumerated() {
      let difference = try #require(got.relativeDifference(from: want), "output \(index) shape")
      #expect(difference <= tolerance, "\(name) output \(index): \(difference)")
    }
  }

  @Test("roles: parameters, Adam's moments and step count, batch data, the loss and updates")
  func gptRoles() throws {
    let graph = try Self.imported("gpt").graph
    let parameters = graph.inputs(.parameter)
    let state = graph.inputs(.optimizerState)
    #expect(parameters.count == 24)
    #expect(state.count == 2 * 24 + 1)  // mu and nu of every parameter, and the step count
    #expect(graph.inputs(.batch).map { graph[$0.node].name } == ["tokens", "targets"])
    #expect(graph.parameterCount == 2016)
    #expect(graph.outputs.first?.role == .loss)
    #expect(graph.outputs.filter { $0.role == .updatedParameter }.count == 24)
    #expect(graph.outputs.filter { $0.role == .updatedOptimizerState }.count == 49)
    let names = Set(parameters.map { graph[$0.node].name })
    #expect(names.contains("params.wte"))
    let mu = try #require(state.first { graph[$0.node].name == "opt_state.mu.wte" })
    #expect(mu.parameter.map { graph[$0].name } == "params.wte")
    #expect(mu.slot == "mu")
    let count = try #require(state.first { graph[$0.node].name == "opt_state.count" })
    #expect(count.slot == "count" && count.parameter == nil)
    #expect(graph.nodes.contains { $0.phase == .backward && $0.differentiates != nil })
  }

  @Test("a scanned GPT imports like the unrolled one: no loop left, the same parameter count")
  func scanUnrolls() throws {
    let scanned = try Self.imported("gpt_scan").graph
    #expect(scanned.parameterCount == 2016)
    #expect(scanned.nodes.filter { $0.op.kindName == "dot_general" }.count >= 2 * 6)
  }

  @Test("sdy.sharding annotations are read for every argument with their mesh")
  func shardings() throws {
    let imported = try Self.imported("mlp_sharded")
    #expect(imported.argumentShardings.count == 8)
    let w1 = try #require(
      imported.argumentShardings.first { imported.graph[$0.node].name == "params.w1" })
    #expect(w1.dimensions == [[], ["model"]])
    #expect(w1.meshAxes.map(\.name) == ["data", "model"] && w1.meshAxes.map(\.size) == [2, 4])
  }
}
