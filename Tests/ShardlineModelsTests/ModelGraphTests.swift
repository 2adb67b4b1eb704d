import ShardlineIR
import Testing

@testable import ShardlineModels

@Suite("Model training-step graphs")
struct ModelGraphTests {
  static let tinyPresets = ["gpt-tiny", "moe-tiny", "wresnet-tiny", "mlp-tiny"]

  /// Builds a preset's training step in f32 with Adam.
  static func graph(_ name: String) throws -> Graph {
    try ModelZoo.preset(named: name).model.trainingStep(options: TrainingOptions())
  }

  @Test(
    "built graphs have exactly the analytic parameter count",
    arguments: tinyPresets + ["gpt-350m", "moe-380m", "wresnet-250m"])
  func parameterCountMatches(name: String) throws {
    let preset = try ModelZoo.preset(named: name)
    let graph = try preset.trainingStep()
    #expect(graph.parameterCount == preset.parameterCount)
    #expect(graph.name == name)
  }

  @Test("tiny models build valid training steps with one scalar f32 loss", arguments: tinyPresets)
  func tinyModelsBuild(name: String) throws {
    let graph = try Self.graph(name)
    try graph.validate()
    let loss = try #require(graph.loss)
    #expect(graph[loss].type == TensorType([], .f32))
    #expect(graph.inputs(.batch).count == 2)
  }

  @Test("every forward and backward op carries a model layer", arguments: tinyPresets)
  func layersEverywhere(name: String) throws {
    let graph = try Self.graph(name)
    let unassigned = graph.nodes.filter { $0.phase != .update && $0.layer == nil }
    #expect(unassigned.isEmpty, "\(unassigned.prefix(3).map(\.name))")
    // Updates sit in their parameter's layer; only Adam's shared step counter has none.
    let updates = graph.nodes.filter { $0.phase == .update && $0.layer == nil }
    #expect(updates.allSatisfy { $0.name.hasPrefix("optimizer/") })
  }

  @Test("layers are numbered from 0 without gaps and named after the model's parts")
  func layerNames() throws {
    func names(_ graph: Graph) -> [Int: Set<String>] {
      var result: [Int: Set<String>] = [:]
      for node in graph.nodes where node.phase == .forward {
        let layer = try! #require(node.layer)
        let parts = node.name.split(separator: "/")
        let prefix = parts.first!.hasPrefix("stage") ? parts.prefix(2) : parts.prefix(1)
        result[layer, default: []].insert(prefix.joined(separator: "/"))
      }
      return result
    }
    let gpt = names(try Self.graph("gpt-tiny"))
    #expect(gpt == [0: ["embed"], 1: ["block0"], 2: ["block1"], 3: ["head"]])
    let moe = names(try Self.graph("moe-tiny"))
    #expect(moe == [0: ["embed"], 1: ["block0"], 2: ["block1"], 3: ["head"]])
    let wresnet = names(try Self.graph("wresnet-tiny"))
    #expect(
      wresnet == [0: ["stem"], 1: ["stage0/block0"], 2: ["stage1/block0"], 3: ["head"]])
    let mlp = names(try Self.graph("mlp-tiny"))
    #expect(mlp == [0: ["dense0"], 1: ["dense1"], 2: ["head"]])
  }

  @Test("GPT ties its head to the token embedding and feeds positions from iota")
  func gptStructure() throws {
    let graph = try Self.graph("gpt-tiny")
    let table = try #require(graph.nodes.first { $0.name == "embed/wte" })
    let head = try #require(graph.nodes.first { $0.name == "head/lm_head/dot_general" })
    #expect(head.operands.contains(table.id))
    #expect(head.type.shape == [4, 16, 64])
    #expect(graph.nodes.contains { $0.name == "embed/iota" && $0.type.shape == [16] })
  }

  @Test("only the odd MoE blocks route tokens to experts, batched over the expert dimension")
  func moeStructure() throws {
    let graph = try Self.graph("moe-tiny")
    let expertWeights = graph.inputs(.parameter).map { graph[$0.node].name }
      .filter { $0.contains("/moe/") }
    #expect(!expertWeights.isEmpty)
    #expect(expertWeights.allSatisfy { $0.hasPrefix("block1/") })
    let fc1 = try #require(graph.nodes.first { $0.name == "block1/moe/experts/fc1/w" })
    #expect(fc1.type.shape == [4, 32, 256])
    // moe-tiny: 64 tokens in 4 groups of 16, capacity ⌊2·16/4⌋ = 8: expert inputs [E, G, C, M].
    let expertMatmul = try #require(
      graph.nodes.first { $0.name == "block1/moe/experts/fc1/dot_general" })
    #expect(graph[expertMatmul.operands[0]].type.shape == [4, 4, 8, 32])
    #expect(expertMatmul.type.shape == [4, 4, 8, 256])
    #expect(graph.nodes.contains { $0.name == "block0/mlp/fc1/w" })
  }

  @Test("Wide-ResNet halves the resolution in the stem, the pool and each later stage")
  func wideResNetShapes() throws {
    let graph = try Self.graph("wresnet-tiny")
    let stem = try #require(graph.nodes.last { $0.phase == .forward && $0.layer == 0 })
    #expect(stem.type.shape == [4, 4, 4, 4])
    let stage1 = try #require(graph.nodes.last { $0.phase == .forward && $0.layer == 2 })
    #expect(stage1.type.shape == [4, 2, 2, 32])
    #expect(graph.nodes.contains { $0.name == "stage1/block0/conv_proj/convolution" })
  }
}
