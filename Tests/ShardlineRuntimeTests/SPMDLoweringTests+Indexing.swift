import ShardlineIR
import ShardlineModels
import ShardlineSharding
import Testing

/// Gathers and scatter-adds: every strategy the sharding pass enumerates for them, vocabulary
/// splits (a table split along the dimension its ids index) included.
extension SPMDLoweringTests {
  /// Whether a strategy splits a gather's table or a scatter-add's result along an indexed
  /// dimension.
  static func splitsVocabulary(_ strategy: ShardingStrategy, of op: Op) -> Bool {
    let (indexed, table) =
      switch op {
      case .gather(let n): (n.startIndexMap, strategy.operands[0])
      case .scatterAdd(let n): (n.scatterDimsToOperandDims, strategy.output)
      default: ([], nil)
      }
    return indexed.contains { !(table?.dims[$0].axes.isEmpty ?? true) }
  }

  /// Runs every strategy of `graph`'s one op on each mesh and returns those that split the
  /// vocabulary.
  static func vocabularySplits(_ graph: Graph, meshes: [(Int, Int)]) async throws
    -> [ShardingStrategy]
  {
    let op = graph[try #require(graph.outputs.first).node].op
    var result: [ShardingStrategy] = []
    for mesh in meshes {
      let run = try await LoweringFixtures.expectEveryStrategyMatches(graph, mesh.0, mesh.1)
      result += run.filter { splitsVocabulary($0, of: op) }
    }
    return result
  }

  @Test("every strategy of gpt-tiny's gathers and scatter-adds matches, past-the-end ids too")
  func gptTinyEmbedding() async throws {
    let graph = try ModelZoo.preset(named: "gpt-tiny").trainingStep()
    let ops = try LoweringFixtures.isolatedOps(of: graph, indexBound: 64 + 3) {
      switch $0 {
      case .gather, .scatterAdd: true
      default: false
      }
    }
    #expect(ops.count >= 2)
    for op in ops {
      let splits = try await Self.vocabularySplits(op, meshes: [(2, 2), (1, 4)])
      #expect(!splits.isEmpty, "\(op.name) has no vocabulary split")
    }
  }

  /// A lookup of `[5, 3]` rows from a `[6, 4, 3]` table by 2-component ids (table dimensions 0
  /// and 1 both indexed), and the scatter-add of `[5, 3]` updates back into zeros, whose
  /// vocabulary splits on 2×2 can split both indexed dimensions, one over each axis.
  static func twoComponentIndexing() throws -> [Graph] {
    let gather = GraphBuilder(name: "gather2")
    let table = try gather.input("table", TensorType([6, 4, 3], .f32))
    let ids = try gather.input("ids", TensorType([5, 2], .i32))
    gather.output(
      try gather.gather(
        table, ids,
        GatherDimensionNumbers(
          offsetDims: [1], collapsedSliceDims: [0, 1], startIndexMap: [0, 1], indexVectorDim: 1,
          sliceSizes: [1, 1, 3])))
    let scatter = GraphBuilder(name: "scatter2")
    let zeros = try scatter.input("zeros", TensorType([6, 4, 3], .f32))
    let indices = try scatter.input("ids", TensorType([5, 2], .i32))
    let updates = try scatter.input("updates", TensorType([5, 3], .f32))
    scatter.output(
      try scatter.scatterAdd(
        zeros, indices, updates,
        ScatterDimensionNumbers(
          updateWindowDims: [1], insertedWindowDims: [0, 1], scatterDimsToOperandDims: [0, 1],
          indexVectorDim: 1)))
    return try [gather.build(), scatter.build()].map {
      try LoweringFixtures.isolated(
        try #require($0.outputs.first).node, of: $0, indexBound: 7)
    }
  }

  @Test("every strategy of a 2-component gather and scatter-add matches, both ids split")
  func twoComponentIds() async throws {
    for graph in try Self.twoComponentIndexing() {
      let splits = try await Self.vocabularySplits(graph, meshes: [(2, 2)])
      let op = graph[try #require(graph.outputs.first).node].op
      let bothSplit = splits.filter { strategy in
        let table = if case .gather = op { strategy.operands[0] } else { strategy.output }
        return [0, 1].allSatisfy { !(table?.dims[$0].axes.isEmpty ?? true) }
      }
      #expect(!bothSplit.isEmpty, "\(graph.name) never splits both indexed dimensions")
    }
  }
}

extension SPMDLoweringTests {
  @Test(
    "gpt-tiny's training step in megatron mode, embedding split over the vocabulary, matches",
    arguments: [(2, 2), (1, 4)])
  func gptTinyVocabularySplit(mesh: (Int, Int)) async throws {
    let graph = try ModelZoo.preset(named: "gpt-tiny").trainingStep(
      optimizer: .sgd(learningRate: 0.1))
    let strategies = try LoweringFixtures.solvedStrategies(
      graph, mesh.0, mesh.1, mode: .megatron,
      options: ShardingOptions(allowsVocabularySplit: true))
    let splits = graph.nodes.filter { node in
      strategies[node.id.rawValue].map { Self.splitsVocabulary($0, of: node.op) } ?? false
    }
    #expect(!splits.isEmpty)
    try await LoweringFixtures.expectMatchesInterpreter(
      graph, strategies: strategies, mesh: MeshShape(mesh.0, mesh.1))
  }
}
