import ShardlineIR
import ShardlineModels
import Testing

@testable import ShardlinePlan

@Suite("Layer partition")
struct LayerPartitionTests {
  static func gpt(blocks: Int = 3, batch: Int = 4) throws -> Graph {
    try GPTConfig(hidden: 32, layers: blocks, heads: 4, seq: 16, vocab: 64, batch: batch)
      .trainingStep()
  }

  @Test("model layers: embed, each block, head; backward and update ops go with their layer")
  func modelLayers() throws {
    let graph = try Self.gpt()
    let partition = try LayerPartition(graph: graph, layering: .model)
    #expect(partition.names == ["embed", "block0", "block1", "block2", "head"])
    for node in graph.nodes {
      let layer = partition.layerOfNode[node.id.rawValue]
      if node.phase == .backward, let source = node.differentiates {
        #expect(layer == partition.layerOfNode[source.rawValue], "\(node.name)")
      }
      if node.name.hasPrefix("block1/") {
        #expect(partition.names[layer] == "block1", "\(node.name) is in \(partition.names[layer])")
      }
    }
  }

  @Test("every backward op records the forward op it differentiates")
  func provenance() throws {
    let graph = try Self.gpt(blocks: 1)
    let backward = graph.nodes.filter { $0.phase == .backward }
    #expect(!backward.isEmpty)
    for node in backward {
      let source = try #require(node.differentiates, "\(node.name)")
      #expect(graph[source].phase == .forward)
      #expect(node.name.hasPrefix(graph[source].name + "/vjp"))
    }
  }

  @Test("a clustering assigns contiguous runs of forward ops and brings the rest along")
  func clustered() throws {
    let graph = try Self.gpt(blocks: 2)
    let forward = graph.nodes.filter { $0.phase == .forward && $0.op != .parameter }
    let partition = try LayerPartition(
      graph: graph, layering: .clustered(starts: [0, forward.count / 2]))
    #expect(partition.layerCount == 2)
    let layers = forward.map { partition.layerOfNode[$0.id.rawValue] }
    #expect(layers == layers.sorted())
    #expect(Set(layers) == [0, 1])
  }

  @Test("clustered layers are named after the scope most of their forward ops are in")
  func clusteredNames() throws {
    let graph = try Self.gpt(blocks: 2)
    let forward = graph.nodes.filter { $0.phase == .forward && $0.op != .parameter }
    let firstOfBlock1 = try #require(forward.firstIndex { $0.name.hasPrefix("block1/") })
    let partition = try LayerPartition(
      graph: graph, layering: .clustered(starts: [0, firstOfBlock1 - 2, firstOfBlock1]))
    #expect(partition.names[2] == "block1")
    #expect(LayerPartition.scope(of: "jvp(GPT)/block0/SelfAttention_0/dot_general") == "block0")
    #expect(LayerPartition.scope(of: "transpose(jvp(GPT))/head/add") == "head")
    #expect(LayerPartition.scope(of: "constant.cst_3") == nil)
    #expect(
      LayerPartition.clusteredNames(from: [["block0": 3], ["block0": 2, "head": 1], [:]])
        == ["block0", "block0.2", "layer2"])
  }

  @Test("starts that do not split the forward ops are refused")
  func badClustering() throws {
    let graph = try Self.gpt(blocks: 1)
    #expect(throws: PlanError.self) {
      try LayerPartition(graph: graph, layering: .clustered(starts: [0, 0]))
    }
    #expect(throws: PlanError.self) {
      try LayerPartition(graph: graph, layering: .clustered(starts: [0, 1_000_000]))
    }
  }
}
