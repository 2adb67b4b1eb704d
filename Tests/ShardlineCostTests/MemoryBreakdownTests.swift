import ShardlineCost
import ShardlineHardware
import ShardlineIR
import Testing

@Suite("Training-step memory accounting")
struct MemoryBreakdownTests {
  static func mlp(optimizer: Optimizer, computeType: DType = .f32) throws -> Graph {
    try TrainingStep.build(
      name: "mlp", options: TrainingOptions(optimizer: optimizer, computeType: computeType)
    ) { b in
      let x = try b.input("x", TensorType([32, 64], computeType))
      let labels = try b.input("labels", TensorType([32], .i32))
      let h = try b.layer(0, named: "fc1") { try b.relu(b.linear(x, 128, label: "fc")) }
      let logits = try b.layer(1, named: "fc2") { try b.linear(h, 10, label: "fc") }
      return try b.softmaxCrossEntropy(logits: logits, labels: labels)
    }
  }

  @Test("Adam keeps two f32 moments per parameter plus a step counter")
  func adam() throws {
    let graph = try Self.mlp(optimizer: .adam(learningRate: 1e-3))
    let memory = MemoryBreakdown(graph: graph)
    // 64·128 + 128 + 128·10 + 10 = 9610 parameters.
    #expect(graph.parameterCount == 9610)
    #expect(memory.parameterBytes == 9610 * 4)
    #expect(memory.gradientBytes == 9610 * 4)
    #expect(memory.optimizerStateBytes == 2 * 9610 * 4 + 4)
    #expect(memory.weightCopyBytes == 0)
    #expect(memory.activationBytes > 32 * 128 * 4)
  }

  @Test("SGD has no optimizer state and mixed precision adds half-size weight copies")
  func sgdMixed() throws {
    let graph = try Self.mlp(optimizer: .sgd(learningRate: 0.1), computeType: .f16)
    let memory = MemoryBreakdown(graph: graph)
    #expect(memory.optimizerStateBytes == 0)
    #expect(memory.weightCopyBytes == 9610 * 2)
  }

  @Test("the summary splits FLOPs by phase; the backward pass skips the input's gradient")
  func summary() throws {
    let graph = try Self.mlp(optimizer: .sgd(learningRate: 0.1))
    let summary = GraphCostSummary(graph: graph, model: ComputeCostModel(device: .a100SXM40GB))
    let forward = summary.flopsByPhase[.forward] ?? 0
    let backward = summary.flopsByPhase[.backward] ?? 0
    // Forward matmuls: 2·32·64·128 + 2·32·128·10 = 606 208. Backward: both weight gradients plus
    // the hidden layer's input gradient (the batch needs none): 524 288 + 2·81 920 = 688 128.
    #expect(forward > 606_208 && forward < 606_208 * 1.1)
    #expect(backward > 688_128 && backward < 688_128 * 1.1)
    #expect(summary.fits)
    #expect(summary.totalSeconds > 0)
  }
}
