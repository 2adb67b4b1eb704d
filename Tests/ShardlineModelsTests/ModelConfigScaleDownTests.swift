import ShardlineIR
import Testing

@testable import ShardlineModels

@Suite("Scaling a model down")
struct ModelConfigScaleDownTests {
  @Test("a GPT keeps its layers and heads and divides hidden, sequence, vocabulary and batch")
  func gptSizes() throws {
    let config = ModelConfig.gpt(
      GPTConfig(hidden: 8192, layers: 48, heads: 64, seq: 1024, vocab: 51200, batch: 1024))
    #expect(
      try config.scaledDown(by: 64)
        == .gpt(GPTConfig(hidden: 128, layers: 48, heads: 64, seq: 16, vocab: 800, batch: 16)))
    #expect(
      try config.scaledDown(by: 64, batchBy: 1)
        == .gpt(GPTConfig(hidden: 128, layers: 48, heads: 64, seq: 16, vocab: 800, batch: 1024)))
  }

  @Test(
    "the scaled training graph has the same nodes: op kinds, operands and names",
    arguments: [
      ModelConfig.gpt(GPTConfig(hidden: 32, layers: 2, heads: 4, seq: 16, vocab: 64, batch: 8)),
      ModelConfig.moe(
        MoEConfig(
          hidden: 64, layers: 2, heads: 4, experts: 4, seq: 32, vocab: 64, batch: 8,
          groupSize: 64)),
      ModelConfig.moe(
        MoEConfig(
          hidden: 32, layers: 2, heads: 4, experts: 4, seq: 16, vocab: 64, batch: 8,
          groupSize: 16)),
    ])
  func sameGraphStructure(config: ModelConfig) throws {
    let original = try config.trainingStep()
    let scaled = try config.scaledDown(by: 2).trainingStep()
    let sameNodes = zip(original.nodes, scaled.nodes).allSatisfy { before, after in
      before.op.kindName == after.op.kindName && before.operands == after.operands
        && before.name == after.name
    }
    #expect(scaled.nodes.count == original.nodes.count)
    #expect(sameNodes)
    #expect(scaled.parameterCount < original.parameterCount)
  }

  @Test("MoE keeps its experts; its groups are divided as the batch, their size as the sequence")
  func moeGroups() throws {
    let config = ModelConfig.moe(
      MoEConfig(
        hidden: 64, layers: 2, heads: 4, experts: 4, seq: 32, vocab: 64, batch: 8, groupSize: 64))
    guard case .moe(let scaled) = try config.scaledDown(by: 2) else {
      Issue.record("expected an MoE model")
      return
    }
    #expect(scaled.experts == 4 && scaled.groupSize == 32 && scaled.hidden == 32)
    #expect((scaled.batch * scaled.seq) / scaled.tokensPerGroup == (8 * 32) / 64 / 2)
  }

  @Test("a factor that does not divide a size names the size")
  func indivisibleSize() {
    let config = ModelConfig.gpt(
      GPTConfig(hidden: 96, layers: 2, heads: 4, seq: 64, vocab: 64, batch: 8))
    #expect(
      throws: ModelError.invalidConfiguration(
        model: "GPT", reason: "hidden size 96 is not divisible by 64")
    ) {
      try config.scaledDown(by: 64)
    }
    #expect(
      throws: ModelError.invalidConfiguration(
        model: "GPT", reason: "batch 8 is not divisible by 3")
    ) {
      try config.scaledDown(by: 2, batchBy: 3)
    }
  }

  @Test("heads must still divide the divided hidden size")
  func headsDivideHidden() {
    let config = ModelConfig.gpt(
      GPTConfig(hidden: 64, layers: 2, heads: 16, seq: 64, vocab: 64, batch: 8))
    #expect(
      throws: ModelError.invalidConfiguration(
        model: "GPT", reason: "hidden size 64 ÷ 8 = 8 is not divisible by its 16 heads")
    ) {
      try config.scaledDown(by: 8)
    }
  }

  @Test("Wide-ResNet and MLP models cannot be scaled down")
  func otherFamilies() throws {
    let mlp = try ModelZoo.preset(named: "mlp-tiny").model
    #expect(throws: ModelError.inapplicableOverride(option: "scale-down", family: .mlp)) {
      try mlp.scaledDown(by: 2)
    }
  }
}
