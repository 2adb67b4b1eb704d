import ShardlineIR
import Testing

@testable import ShardlineModels

@Suite("Model overrides")
struct ModelOverridesTests {
  @Test("overrides replace the sizes they name and keep the others")
  func applies() throws {
    let preset = try ModelZoo.preset(named: "gpt-350m")
      .applying(ModelOverrides(layers: 2, seq: 128, batch: 8, computeType: .bf16))
    guard case .gpt(let config) = preset.model else {
      Issue.record("expected a GPT model")
      return
    }
    #expect(
      config == GPTConfig(hidden: 1024, layers: 2, heads: 16, seq: 128, vocab: 51200, batch: 8))
    #expect(preset.computeType == .bf16)
    #expect(preset.name == "gpt-350m")
  }

  @Test("layers sets the depth of a Wide-ResNet and the hidden-layer count of an MLP")
  func layersPerFamily() throws {
    let wresnet = try ModelZoo.preset(named: "wresnet-1b").applying(ModelOverrides(layers: 101))
    guard case .wideResNet(let deep) = wresnet.model else {
      Issue.record("expected a Wide-ResNet")
      return
    }
    #expect(deep.stages == [3, 4, 23, 3])
    #expect(deep.depth == 101)
    let mlp = try ModelZoo.preset(named: "mlp-tiny").applying(ModelOverrides(hidden: 8, layers: 3))
    guard case .mlp(let config) = mlp.model else {
      Issue.record("expected an MLP")
      return
    }
    #expect(config.hiddenSizes == [8, 8, 8])
  }

  @Test(
    "an override the family does not have is rejected",
    arguments: [
      ("gpt-tiny", ModelOverrides(experts: 4), "experts", ModelFamily.gpt),
      ("wresnet-tiny", ModelOverrides(heads: 2), "heads", .wideResNet),
      ("mlp-tiny", ModelOverrides(seq: 8), "seq", .mlp),
      ("moe-tiny", ModelOverrides(imageSize: 32), "image-size", .moe),
    ])
  func inapplicable(name: String, overrides: ModelOverrides, option: String, family: ModelFamily)
    throws
  {
    let preset = try ModelZoo.preset(named: name)
    #expect(throws: ModelError.inapplicableOverride(option: option, family: family)) {
      try preset.applying(overrides)
    }
  }

  @Test(
    "impossible sizes are rejected with the reason",
    arguments: [
      ("gpt-tiny", ModelOverrides(heads: 5), "GPT", "5 heads do not divide hidden size 32"),
      ("gpt-tiny", ModelOverrides(hidden: 0), "GPT", "hidden must be positive, got 0"),
      ("moe-tiny", ModelOverrides(experts: 0), "MoE", "experts must be positive, got 0"),
      (
        "moe-tiny", ModelOverrides(seq: 10), "MoE",
        "groups of 16 tokens do not divide 4×10 tokens"
      ),
      (
        "wresnet-tiny", ModelOverrides(layers: 34), "Wide-ResNet", "depth must be 50 or 101, got 34"
      ),
      ("wresnet-tiny", ModelOverrides(batch: -1), "Wide-ResNet", "batch must be positive, got -1"),
      (
        "mlp-tiny", ModelOverrides(computeType: .i32), "MLP",
        "compute type must be floating-point, got i32"
      ),
    ])
  func invalid(name: String, overrides: ModelOverrides, model: String, reason: String) throws {
    let preset = try ModelZoo.preset(named: name)
    #expect(throws: ModelError.invalidConfiguration(model: model, reason: reason)) {
      try preset.applying(overrides)
    }
  }

  @Test("error descriptions are one line naming the fault")
  func descriptions() {
    #expect(
      ModelError.inapplicableOverride(option: "experts", family: .gpt).description
        == "'experts' does not apply to GPT models")
    #expect(
      ModelError.invalidConfiguration(model: "GPT", reason: "5 heads do not divide hidden size 32")
        .description == "invalid GPT configuration: 5 heads do not divide hidden size 32")
  }

  @Test("a batch of one sequence shrinks MoE routing groups to the tokens there are")
  func moeSmallBatch() throws {
    let preset = try ModelZoo.preset(named: "moe-380m").applying(ModelOverrides(batch: 1))
    guard case .moe(let config) = preset.model else {
      Issue.record("expected an MoE model")
      return
    }
    #expect(config.tokensPerGroup == 1024)
    #expect(config.capacity == 256)
  }
}
