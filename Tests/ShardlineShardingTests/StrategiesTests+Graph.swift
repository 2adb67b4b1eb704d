import ShardlineIR
import ShardlineModels
import ShardlineSharding
import Testing

@Suite("Strategies of a whole training step")
struct StrategiesGraphTests {
  @Test(
    "every strategy of gpt-tiny's training step is valid and followers align with leaders",
    arguments: [(2, 4), (1, 8)])
  func gptTiny(rows: Int, columns: Int) throws {
    let graph = try ModelZoo.preset(named: "gpt-tiny").trainingStep()
    let context = StrategiesFixture.context(graph, rows, columns)
    let isFree = StrategiesFixture.isFree(graph)
    var strategies: [NodeID: [ShardingStrategy]] = [:]
    for node in graph.nodes {
      let own: [ShardingStrategy]
      if let leader = context.leaderOperand(of: node.id, isFree: isFree) {
        let leaderSpecs = try #require(strategies[node.operands[leader]]).map(\.output)
        own = context.followerStrategies(for: node.id, leader: leader, leaderSpecs: leaderSpecs)
        #expect(own.count == leaderSpecs.count, "\(node.name)")
      } else {
        own = context.strategies(for: node.id)
        #expect(!own.isEmpty, "\(node.name)")
      }
      for strategy in own {
        #expect(strategy.output.isValid(for: node.type.shape, on: context.shape), "\(node.name)")
        #expect(strategy.operands.count == node.operands.count, "\(node.name)")
        for (spec, operand) in zip(strategy.operands, node.operands) {
          guard let spec else { continue }
          #expect(
            spec.isValid(for: graph[operand].type.shape, on: context.shape),
            "\(node.name) \(strategy.name)")
        }
      }
      strategies[node.id] = own
    }
  }

  @Test("a GPT layer's matmuls on 2×4 offer Megatron's column- and row-parallel layouts")
  func megatronLayouts() throws {
    let graph = try ModelZoo.preset(named: "gpt-tiny").trainingStep()
    let context = StrategiesFixture.context(graph, 2, 4)
    let forward = graph.nodes.filter { node in
      guard case .dotGeneral = node.op, node.phase == .forward else { return false }
      return graph[node.operands[1]].type.rank == 2
    }
    let qkv = try #require(forward.first)
    let names = context.strategies(for: qkv.id).map(\.name)
    // x[b,s,h]·W[h,3h]: batch over axis 0 and W's columns over axis 1, or W's rows (partial).
    #expect(names.contains("S0RS1 = S0RR × RS1"))
    #expect(names.contains("S0RRP1 = S0RS1 × S1R"))
  }
}
