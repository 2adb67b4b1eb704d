import Testing

@testable import ShardlineIR

@Suite("Training-step graphs")
struct TrainingStepTests {
  @Test("every op carries a phase and backward ops keep their forward op's layer")
  func phasesAndLayers() throws {
    let graph = try GraphJSONTests.sampleGraph()
    let phases = Set(graph.nodes.map(\.phase))
    #expect(phases == [.forward, .backward, .update])
    let backward = graph.nodes.filter { $0.phase == .backward && $0.name.hasPrefix("dense/") }
    #expect(!backward.isEmpty)
    #expect(backward.allSatisfy { $0.layer == 0 })
    #expect(graph.nodes.filter { $0.name.hasPrefix("head/") }.allSatisfy { $0.layer == 1 })
  }

  @Test("Adam adds two moments per parameter and a step counter, all replaced by outputs")
  func adamState() throws {
    let graph = try GraphJSONTests.sampleGraph()
    let parameters = graph.inputs(.parameter)
    let state = graph.inputs(.optimizerState)
    #expect(parameters.count == 4)
    #expect(state.count == 2 * parameters.count + 1)
    #expect(graph.outputs.filter { $0.role == .updatedParameter }.count == parameters.count)
    #expect(graph.outputs.filter { $0.role == .updatedOptimizerState }.count == state.count)
    #expect(graph.loss != nil)
    try graph.validate()
  }

  @Test("mixed precision keeps f32 master weights and computes in bf16")
  func mixedPrecision() throws {
    let graph = try TrainingStep.build(
      name: "mp", options: TrainingOptions(optimizer: .sgd(learningRate: 0.1), computeType: .bf16)
    ) { b in
      let x = try b.input("x", TensorType([2, 3], .bf16))
      return try b.sum(b.linear(x, 4, label: "fc"), dimensions: [0, 1])
    }
    #expect(graph.inputs(.parameter).allSatisfy { graph[$0.node].type.dtype == .f32 })
    let dot = graph.nodes.first { $0.op.kindName == "dot_general" }!
    #expect(dot.type.dtype == .bf16)
    #expect(graph[graph.loss!].type.dtype == .f32)
  }

  @Test("FLOPs of a dot_general are 2·M·N·K")
  func dotFlops() throws {
    let b = GraphBuilder(name: "f")
    let x = try b.input("x", TensorType([8, 16], .f32))
    let w = try b.input("w", TensorType([16, 4], .f32))
    let y = try b.matmul(x, w)
    let graph = b.build()
    #expect(graph.flops(of: y.id) == 2 * 8 * 4 * 16)
    #expect(graph.bytesAccessed(of: y.id) == Double((8 * 16 + 16 * 4 + 8 * 4) * 4))
  }
}
