import ShardlineIR
import ShardlineSharding
import Testing

@Suite("Strategies of follower ops")
struct StrategiesFollowerTests {
  /// The follower strategy of `node`, led by its operand 0 produced in `spec`.
  static func follow(_ context: ShardingContext, _ node: NodeID, _ spec: String)
    -> ShardingStrategy
  {
    let leader = context.graph[context.graph[node].operands[0]]
    return context.followerStrategies(
      for: node, leader: 0, leaderSpecs: [.spec(spec, rank: leader.type.rank)])[0]
  }

  /// The result spec and every operand spec of `strategy`, as text (`-` for none).
  static func specs(_ strategy: ShardingStrategy) -> [String] {
    [strategy.output.description] + strategy.operands.map { $0?.description ?? "none" }
  }

  @Test("GELU's non-linear ops require a partial leader completed")
  func geluNeedsCompleteLeader() throws {
    let b = GraphBuilder(name: "gelu")
    let x = try b.input("x", TensorType([8, 16], .f32))
    _ = try b.gelu(x)
    let graph = b.build()
    let context = StrategiesFixture.context(graph, 2, 4)
    let chosen = StrategiesFixture.propagate(context, sources: [x.id: .spec("S0RP1", rank: 2)])
    let square = try #require(graph.nodes.first { $0.op == .unary(.square) })
    #expect(Self.specs(chosen[square.id]!) == ["S0R", "S0R"])
    let tanh = try #require(graph.nodes.first { $0.op == .unary(.tanh) })
    #expect(chosen[tanh.id]?.operands.first??.isPartial == false)
    #expect(chosen[tanh.id]?.output.description == "S0R")
  }

  @Test("linear element-wise ops carry a partial sum, the others complete it")
  func elementwisePartial() throws {
    let b = GraphBuilder(name: "elementwise")
    let x = try b.input("x", TensorType([8, 16], .f32))
    let z = try b.input("z", TensorType([8, 16], .f32))
    let sum = try b.add(x, z)
    let product = try b.multiply(x, z)
    let peak = try b.maximum(x, z)
    let exp = try b.unary(.exponential, x)
    let context = StrategiesFixture.context(b.build(), 2, 4)
    #expect(Self.specs(Self.follow(context, sum.id, "S0RP1")) == ["S0RP1", "S0RP1", "S0RP1"])
    #expect(Self.specs(Self.follow(context, product.id, "S0RP1")) == ["S0RP1", "S0RP1", "S0R"])
    #expect(Self.specs(Self.follow(context, peak.id, "S0RP1")) == ["S0R", "S0R", "S0R"])
    #expect(Self.specs(Self.follow(context, exp.id, "RS1P0")) == ["RS1", "RS1"])
    #expect(Self.specs(Self.follow(context, exp.id, "S01R")) == ["S01R", "S01R"])
  }

  @Test("transpose permutes the splits and broadcast places them on the mapped dimensions")
  func transposeAndBroadcast() throws {
    let b = GraphBuilder(name: "layout")
    let x = try b.input("x", TensorType([4, 8, 16], .f32))
    let t = try b.transpose(x, [2, 0, 1])
    let bias = try b.input("bias", TensorType([16], .f32))
    let wide = try b.broadcast(bias, to: [4, 8, 16], dimensions: [2])
    let context = StrategiesFixture.context(b.build(), 2, 4)
    #expect(Self.specs(Self.follow(context, t.id, "S0RS1")) == ["S1S0R", "S0RS1"])
    #expect(Self.specs(Self.follow(context, wide.id, "S1P0")) == ["RRS1P0", "S1P0"])
  }

  @Test("a sum over a split dimension is partial; a max needs the dimension whole")
  func reductions() throws {
    let b = GraphBuilder(name: "reduce")
    let x = try b.input("x", TensorType([8, 16], .f32))
    let sum = try b.sum(x, dimensions: [1])
    let peak = try b.reduce(x, .max, dimensions: [1])
    let graph = b.build()
    let context = StrategiesFixture.context(graph, 2, 4)
    #expect(Self.specs(Self.follow(context, sum.id, "S0S1")) == ["S0P1", "S0S1"])
    #expect(Self.specs(Self.follow(context, sum.id, "RS01")) == ["RP01", "RS01"])
    #expect(Self.specs(Self.follow(context, peak.id, "S0S1")) == ["S0", "S0R"])
    let alpa = StrategiesFixture.context(
      graph, 2, 4, options: ShardingOptions(allowsPartialSums: false))
    #expect(Self.specs(Self.follow(alpa, sum.id, "S0S1")) == ["S0", "S0R"])
  }

  @Test(
    "reshape carries the split of a group's major dimension",
    arguments: [
      ([64, 32], "S0RS1", ["S0S1", "S0RS1"]),
      ([64, 32], "RS0S1", ["RS1", "RRS1"]),
      ([4, 16, 4, 8], "S0RS1", ["S0RS1R", "S0RS1"]),
      ([4, 16, 2, 16], "RRS01", ["RRRR", "RRR"]),
      ([4, 2, 8, 32], "RS0R", ["RS0RR", "RS0R"]),
      ([4, 2, 8, 32], "RS01R", ["RRRR", "RRR"]),
    ])
  func reshape(to shape: [Int], leader: String, expected: [String]) throws {
    // x is [b, s, h] = [4, 16, 32]: b·s keeps b's split, a split s alone cannot be merged, h
    // splits onto the heads when they divide, and s = 2·8 takes S0 but not S01 on its 2.
    let b = GraphBuilder(name: "reshape")
    let x = try b.input("x", TensorType([4, 16, 32], .f32))
    let y = try b.reshape(x, shape)
    let context = StrategiesFixture.context(b.build(), 2, 4)
    #expect(Self.specs(Self.follow(context, y.id, leader)) == expected)
  }

  @Test("slice, pad, concatenate and dynamic slices keep only the dimensions they do not cut")
  func windows() throws {
    let b = GraphBuilder(name: "windows")
    let x = try b.input("x", TensorType([8, 16], .f32))
    let sliced = try b.slice(x, start: [0, 0], limit: [8, 8])
    let padded = try b.pad(x, with: b.scalar(0, .f32), low: [0, 1], high: [0, 1])
    let joined = try b.concatenate([x, x], dimension: 0)
    let index = try b.input("i", TensorType([], .i32))
    let window = try b.dynamicSlice(x, start: [index, index], sizes: [8, 4])
    let reversed = try b.reverse(x, [1])
    let context = StrategiesFixture.context(b.build(), 2, 4)
    #expect(Self.specs(Self.follow(context, sliced.id, "S0S1")) == ["S0R", "S0R"])
    #expect(Self.specs(Self.follow(context, sliced.id, "RS1P0")) == ["RRP0", "RRP0"])
    #expect(Self.specs(Self.follow(context, padded.id, "S0S1")) == ["S0R", "S0R", "none"])
    #expect(Self.specs(Self.follow(context, padded.id, "S1RP0")) == ["S1RP0", "S1RP0", "none"])
    #expect(Self.specs(Self.follow(context, joined.id, "S0S1")) == ["RS1", "RS1", "RS1"])
    #expect(Self.specs(Self.follow(context, window.id, "S1R")) == ["S1R", "S1R", "none", "none"])
    #expect(Self.specs(Self.follow(context, reversed.id, "S0S1")) == ["S0R", "S0R"])
  }
}
