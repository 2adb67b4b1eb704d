import ShardlineCost
import ShardlineIR
import ShardlineSharding
import Testing

@Suite("Strategies of dot_general and convolution")
struct StrategiesTests {
  /// `x: [64,32] · w: [32,n]`, the matmul node being the last.
  static func matmul(n: Int = 16) throws -> (Graph, NodeID) {
    let b = GraphBuilder(name: "matmul")
    let x = try b.input("x", TensorType([64, 32], .f32))
    let w = try b.input("w", TensorType([32, n], .f32), role: .parameter)
    let y = try b.matmul(x, w)
    return (b.build(), y.id)
  }

  @Test("a matmul on 1×8 splits the batch, the output features or the contraction")
  func matmulOneByEight() throws {
    let (graph, y) = try Self.matmul()
    let context = StrategiesFixture.context(graph, 1, 8)
    // The split contraction twice: left partial, and completed by the op (for a result read by
    // several consumers, which would each pay an all-reduce of a partial one).
    #expect(
      context.strategies(for: y).map(\.name) == [
        "RR = RR × RR", "S1R = S1R × RR", "RS1 = RR × RS1", "RRP1 = RS1 × S1R",
        "RR = RS1 × S1R + all-reduce",
      ])
  }

  @Test("a matmul on 2×4 combines the axes and skips splits that do not divide")
  func matmulTwoByFour() throws {
    // N = 12 divides by 2 and by 4 but not by 8, so no RS01.
    let (graph, y) = try Self.matmul(n: 12)
    let context = StrategiesFixture.context(graph, 2, 4)
    let strategies = context.strategies(for: y)
    #expect(
      strategies.filter { $0.collectives.isEmpty }.map(\.name) == [
        "RR = RR × RR", "S1R = S1R × RR", "RS1 = RR × RS1", "RRP1 = RS1 × S1R",
        "S0R = S0R × RR", "S01R = S01R × RR", "S0S1 = S0R × RS1", "S0RP1 = S0S1 × S1R",
        "RS0 = RR × RS0", "S1S0 = S1R × RS0", "RS0P1 = RS1 × S1S0",
        "RRP0 = RS0 × S0R", "S1RP0 = S1S0 × S0R", "RS1P0 = RS0 × S0S1", "RRP01 = RS01 × S01R",
      ])
    // Each partial result also completed in the op, over the axes it is partial over.
    let completed = strategies.filter { !$0.collectives.isEmpty }
    #expect(completed.count == 7)
    #expect(completed.allSatisfy { !$0.output.isPartial && $0.name.hasSuffix(" + all-reduce") })
    #expect(completed.last?.collectives.map(\.axes) == [[0, 1]])
    let shapes = graph[y].operands.map { graph[$0].type.shape }
    for strategy in strategies {
      #expect(strategy.output.isValid(for: [64, 12], on: context.shape))
      for (spec, shape) in zip(strategy.operands, shapes) {
        #expect(spec?.isValid(for: shape, on: context.shape) == true)
      }
    }
  }

  @Test("without partial sums a split contraction pays its all-reduce itself")
  func contractionAllReduce() throws {
    let (graph, y) = try Self.matmul()
    let context = StrategiesFixture.context(
      graph, 1, 8, options: ShardingOptions(allowsPartialSums: false))
    let split = try #require(context.strategies(for: y).last)
    #expect(split.name == "RR = RS1 × S1R + all-reduce")
    #expect(split.collectives.map(\.kind) == [.allReduce])
    #expect(split.collectives.map(\.axes) == [[1]])
    // The 64×16 f32 result, whole on every device.
    #expect(split.collectives.first?.bytes == Double(64 * 16 * 4))
    #expect(split.communicationSeconds > 0)
  }

  @Test("a batch-split matmul computes an eighth of the replicated one")
  func batchSplitCompute() throws {
    let (graph, y) = try Self.matmul()
    // No per-op overhead and a constant efficiency, so time is proportional to work.
    let context = StrategiesFixture.context(
      graph, 1, 8,
      costOptions: CostModelOptions(matmulHalfEfficiencyFlops: 0, perOpOverheadSeconds: 0))
    let strategies = context.strategies(for: y)
    let replicated = try #require(strategies.first { $0.name == "RR = RR × RR" })
    let batch = try #require(strategies.first { $0.name == "S1R = S1R × RR" })
    #expect(
      abs(batch.computeSeconds * 8 - replicated.computeSeconds) < 1e-9 * replicated.computeSeconds)
    #expect(batch.outputBytesPerDevice * 8 == replicated.outputBytesPerDevice)
  }

  @Test("attention's batched dot_general splits the batch and the heads")
  func attentionScores() throws {
    let b = GraphBuilder(name: "scores")
    let q = try b.input("q", TensorType([4, 16, 4, 8], .f32))
    let k = try b.input("k", TensorType([4, 16, 4, 8], .f32))
    let scores = try b.dotGeneral(
      q, k,
      DotDimensionNumbers(
        lhsBatch: [0, 2], rhsBatch: [0, 2], lhsContracting: [3], rhsContracting: [3]))
    let context = StrategiesFixture.context(b.build(), 2, 4)
    let names = Set(context.strategies(for: scores.id).map(\.name))
    // scores[b, n, s, t]: batch over axis 0, heads over axis 1 (Megatron's head parallelism).
    #expect(names.contains("S0S1RR = S0RS1R × S0RS1R"))
    #expect(names.contains("RS1RR = RRS1R × RRS1R"))
    // Batch 4 cannot be split 8 ways.
    #expect(!names.contains { $0.hasPrefix("S01") })
  }

  @Test("a convolution splits the batch, the output features or the input features")
  func convolution() throws {
    let b = GraphBuilder(name: "conv")
    let x = try b.input("x", TensorType([8, 5, 5, 16], .f32))
    let w = try b.input("w", TensorType([3, 3, 16, 32], .f32), role: .parameter)
    let y = try b.convolution(x, w, .nhwc())
    let context = StrategiesFixture.context(b.build(), 1, 8)
    #expect(
      context.strategies(for: y.id).map(\.name) == [
        "RRRR = RRRR × RRRR", "S1RRR = S1RRR × RRRR", "RRRS1 = RRRR × RRRS1",
        "RRRRP1 = RRRS1 × RRS1R", "RRRR = RRRS1 × RRS1R + all-reduce",
      ])
  }

  @Test("a grouped convolution splits only the batch and the output features")
  func groupedConvolution() throws {
    let b = GraphBuilder(name: "conv")
    let x = try b.input("x", TensorType([8, 5, 5, 16], .f32))
    let w = try b.input("w", TensorType([3, 3, 8, 32], .f32), role: .parameter)
    let y = try b.convolution(x, w, .nhwc(featureGroupCount: 2))
    let context = StrategiesFixture.context(b.build(), 1, 8)
    #expect(
      context.strategies(for: y.id).map(\.name) == [
        "RRRR = RRRR × RRRR", "S1RRR = S1RRR × RRRR", "RRRS1 = RRRR × RRRS1",
      ])
  }
}
