import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlineSharding
import ShardlineSolver
import Testing

@Suite("Auto-sharding GPT layers")
struct GPTShardingTests {
  /// GPT with the given sizes, f32, Adam.
  static func gpt(hidden: Int, layers: Int, heads: Int, seq: Int, vocab: Int, batch: Int) throws
    -> Graph
  {
    try GPTConfig(
      hidden: hidden, layers: layers, heads: heads, seq: seq, vocab: vocab, batch: batch
    )
    .trainingStep(options: TrainingOptions(optimizer: .adam(learningRate: 1e-3)))
  }

  @Test("Megatron mode moves 2 activation all-reduces forward and 2 backward per layer")
  func megatronCommunication() throws {
    let (batch, seq, hidden) = (4, 64, 256)
    let graph = try Self.gpt(
      hidden: hidden, layers: 2, heads: 8, seq: seq, vocab: 512, batch: batch)
    let context = ShardingFixtures.context(graph, 1, 4)
    let plan = try AutoSharding(context: context, solver: CBCSolver())
      .solve(ShardingRequest(mode: .megatron))
    let activationBytes = Double(batch * seq * hidden * 4)
    for layer in 1...2 {
      for phase in [Phase.forward, .backward] {
        let collectives = plan.ops.filter {
          graph[$0.node].layer == layer && graph[$0.node].phase == phase
        }
        .flatMap(\.collectives)
        let activationAllReduces = collectives.filter {
          $0.kind == .allReduce && $0.bytes == activationBytes
        }
        #expect(activationAllReduces.count == 2, "layer \(layer) \(phase): \(collectives)")
        #expect(
          collectives.allSatisfy { $0.kind == .allReduce },
          "layer \(layer) \(phase): \(collectives)")
      }
    }
  }

  @Test("a budget below replicated weights and Adam state shards them and is met")
  func memoryBudget() throws {
    let graph = try Self.gpt(hidden: 512, layers: 1, heads: 8, seq: 32, vocab: 256, batch: 8)
    let context = ShardingFixtures.context(graph, 1, 8)
    let unconstrained = try AutoSharding(context: context, solver: CBCSolver())
      .solve(ShardingRequest(mode: .dataParallel))
    let budget = unconstrained.peakMemoryBytesPerDevice * 0.5
    let plan = try AutoSharding(context: context, solver: CBCSolver())
      .solve(ShardingRequest(memoryBudgetBytes: budget))
    #expect(plan.peakMemoryBytesPerDevice <= budget * 1.0001)
    let weight = try #require(plan.op(named: "block0/mlp/fc1/w"))
    let adam = plan.ops.filter { graph[$0.node].name.hasSuffix("block0/mlp/fc1/w/update/adam_m") }
    #expect(!weight.spec.splitAxes.isEmpty || adam.contains { !$0.spec.splitAxes.isEmpty })
  }

  @Test("an impossible budget names the smallest budget that fits")
  func infeasibleBudget() throws {
    let graph = try Self.gpt(hidden: 128, layers: 1, heads: 4, seq: 16, vocab: 128, batch: 4)
    let context = ShardingFixtures.context(graph, 1, 8)
    #expect {
      try AutoSharding(context: context, solver: CBCSolver()).solve(
        ShardingRequest(memoryBudgetBytes: 1024))
    } throws: { error in
      guard case ShardingError.memoryBudgetTooSmall(_, let needed, _) = error else { return false }
      return needed > 1024 && "\(error)".contains("smallest budget that fits")
    }
  }
}
