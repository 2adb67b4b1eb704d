import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlineSharding
import ShardlineSolver
import Testing

@Suite("Expert parameters and expert parallelism")
struct ExpertParametersTests {
  /// GShard MoE with 2 blocks (block1 has 4 experts), f32, SGD.
  static func moe() throws -> Graph {
    try MoEConfig(
      hidden: 32, layers: 2, heads: 4, experts: 4, seq: 16, vocab: 64, batch: 4, groupSize: 16
    )
    .trainingStep(options: TrainingOptions(optimizer: .sgd(learningRate: 0.1)))
  }

  @Test("the expert kernels and their biases are found, and nothing in a dense model")
  func found() throws {
    let graph = try Self.moe()
    let experts = ExpertParameters(graph: graph)
    #expect(
      experts.nodes.map { graph[$0].name }.sorted() == [
        "block1/moe/experts/fc1/b", "block1/moe/experts/fc1/w", "block1/moe/experts/fc2/b",
        "block1/moe/experts/fc2/w",
      ])
    #expect(experts.expertCount == 4)
    let dense = try GPTConfig(hidden: 32, layers: 2, heads: 4, seq: 16, vocab: 64, batch: 4)
      .trainingStep()
    #expect(ExpertParameters(graph: dense).nodes.isEmpty)
    #expect(ExpertParameters(graph: dense).expertCount == nil)
  }

  @Test("expert parallelism splits experts over the axis that divides them, the rest replicated")
  func expertParallel() throws {
    let graph = try Self.moe()
    let context = ShardingFixtures.context(graph, 2, 4)
    let plan = try AutoSharding(context: context, solver: CBCSolver())
      .solve(ShardingRequest(mode: .expertParallel))
    // 4 experts on a 2 × 4 mesh: split over axis 1 (4 devices), not over both (8).
    #expect(plan.op(named: "block1/moe/experts/fc1/w")?.spec.description == "S1RR")
    #expect(plan.op(named: "block1/moe/experts/fc2/b")?.spec.description == "S1R")
    #expect(plan.op(named: "block1/moe/gate/w")?.spec.description == "RR")
    #expect(plan.op(named: "block0/mlp/fc1/w")?.spec.description == "RR")
    // The batch over every device: 4 sequences of 16 tokens, split on the first dimension that
    // 8 divides.
    let tokens = try #require(graph.inputs.first { $0.role == .batch })
    #expect(plan.ops.first { $0.node == tokens.node }?.spec.splitAxes == [0, 1])
  }
}
