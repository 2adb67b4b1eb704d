import ShardlineIR
import ShardlineSharding
import Testing

@Suite("Strategies of gather and scatter-add")
struct StrategiesIndexingTests {
  /// An embedding lookup of `ids: i32[4,16]` into `table: f32[64,32]` and its gradient, a
  /// scatter-add of `f32[4,16,32]` updates into a zero table.
  static func embedding() throws -> (graph: Graph, lookup: NodeID, gradient: NodeID) {
    let b = GraphBuilder(name: "embedding")
    let table = try b.input("table", TensorType([64, 32], .f32), role: .parameter)
    let ids = try b.input("ids", TensorType([4, 16], .i32))
    let lookup = try b.embeddingLookup(table, ids: ids)
    let updates = try b.input("updates", TensorType([4, 16, 32], .f32))
    let gradient = try b.scatterAdd(
      b.constant(0, TensorType([64, 32], .f32)), ids, updates,
      ScatterDimensionNumbers(
        updateWindowDims: [2], insertedWindowDims: [0], scatterDimsToOperandDims: [0],
        indexVectorDim: 2))
    return (b.build(), lookup.id, gradient.id)
  }

  @Test("an embedding lookup on 1×8 splits the sequence, the hidden dimension or the vocabulary")
  func lookupOneByEight() throws {
    let (graph, lookup, _) = try Self.embedding()
    let context = StrategiesFixture.context(graph, 1, 8)
    // The batch of 4 cannot be split 8 ways; the vocabulary split leaves a partial sum.
    #expect(
      context.strategies(for: lookup).map(\.name) == [
        "RRR = RR ⋈ RR", "RS1R = RR ⋈ RS1", "RRS1 = RS1 ⋈ RR", "RRRP1 = S1R ⋈ RR",
        "RRR = S1R ⋈ RR + all-reduce",
      ])
  }

  @Test("ids split on the batch give a batch-split lookup; a vocabulary split a partial one")
  func lookupTwoByFour() throws {
    let (graph, lookup, _) = try Self.embedding()
    let context = StrategiesFixture.context(graph, 2, 4)
    let names = Set(context.strategies(for: lookup).map(\.name))
    #expect(names.contains("S0RR = RR ⋈ S0R"))
    #expect(names.contains("S0RS1 = RS1 ⋈ S0R"))
    #expect(names.contains("S0RRP1 = S1R ⋈ S0R"))
    #expect(names.contains("RRRP01 = S01R ⋈ RR"))
  }

  @Test("without the vocabulary split no lookup splits the table's rows")
  func noVocabularySplit() throws {
    let (graph, lookup, gradient) = try Self.embedding()
    let context = StrategiesFixture.context(
      graph, 2, 4, options: ShardingOptions(allowsVocabularySplit: false))
    for strategy in context.strategies(for: lookup) + context.strategies(for: gradient) {
      #expect(strategy.operands[0]?.dims[0] == .replicated)
    }
  }

  @Test("a vocabulary-split lookup pays its all-reduce when partial sums are off")
  func vocabularyAllReduce() throws {
    let (graph, lookup, _) = try Self.embedding()
    let context = StrategiesFixture.context(
      graph, 1, 8, options: ShardingOptions(allowsPartialSums: false))
    let split = try #require(context.strategies(for: lookup).last)
    #expect(split.name == "RRR = S1R ⋈ RR + all-reduce")
    #expect(split.collectives.map(\.kind) == [.allReduce])
  }

  @Test("scatter-add of batch-split updates gives a partial sum of the whole table")
  func scatterBatchSplit() throws {
    let (graph, _, gradient) = try Self.embedding()
    let context = StrategiesFixture.context(graph, 2, 4)
    let strategies = context.strategies(for: gradient)
    let split = try #require(strategies.first { $0.operands[2]?.description == "S0RR" })
    #expect(split.name == "RRP0 = RRP0 ⊕ S0R ⊕ S0RR")
    #expect(split.output.partialAxes == [0])
    let names = Set(strategies.map(\.name))
    // Hidden-split updates give a hidden-split gradient; a vocabulary split keeps own rows.
    #expect(names.contains("RS1 = RS1 ⊕ RR ⊕ RRS1"))
    #expect(names.contains("S1R = S1R ⊕ RR ⊕ RRR"))
    #expect(names.contains("S1RP0 = S1RP0 ⊕ S0R ⊕ S0RR"))
  }
}
