import ShardlineIR

/// The built-in presets: the Alpa paper's weak-scaling suites (OSDI 2022, Table 4) and tiny
/// models for tests and CPU runs.
public enum ModelZoo {
  /// Every preset, GPT first, then MoE, Wide-ResNet and MLP, each family smallest first.
  public static let presets: [ModelPreset] =
    gptPresets + moePresets + wideResNetPresets + [
      ModelPreset(
        name: "mlp-tiny",
        model: .mlp(MLPConfig(input: 16, hiddenSizes: [32, 32], classes: 10, batch: 8)))
    ]

  /// The preset names, in ``presets`` order.
  public static var names: [String] { presets.map(\.name) }

  /// The preset called `name` (case-insensitive).
  ///
  /// - Throws: ``ModelError/unknownPreset(name:known:)`` listing every name.
  public static func preset(named name: String) throws(ModelError) -> ModelPreset {
    let key = name.lowercased()
    guard let preset = presets.first(where: { $0.name == key }) else {
      throw .unknownPreset(name: name, known: names)
    }
    return preset
  }

  /// GPT-3 shapes at sequence 1024, vocabulary 51200 and global batch 1024, trained in f16.
  static let gptPresets: [ModelPreset] =
    [
      ("gpt-350m", 1024, 24, 16), ("gpt-760m", 1536, 24, 16), ("gpt-1.3b", 2048, 24, 32),
      ("gpt-2.6b", 2560, 32, 32), ("gpt-6.7b", 4096, 32, 32), ("gpt-15b", 5120, 48, 40),
      ("gpt-39b", 8192, 48, 64),
    ].map { name, hidden, layers, heads in
      ModelPreset(
        name: name,
        model: .gpt(
          GPTConfig(
            hidden: hidden, layers: layers, heads: heads, seq: 1024, vocab: 51200, batch: 1024)),
        computeType: .f16)
    } + [
      ModelPreset(
        name: "gpt-tiny",
        model: .gpt(GPTConfig(hidden: 32, layers: 2, heads: 4, seq: 16, vocab: 64, batch: 4)))
    ]

  /// GShard MoE at sequence 1024, vocabulary 32000, 16 heads, global batch 1024 and routing
  /// groups of 2048 tokens, trained in f16.
  static let moePresets: [ModelPreset] =
    [
      ("moe-380m", 768, 8, 8), ("moe-690m", 768, 8, 16), ("moe-1.3b", 768, 16, 16),
      ("moe-2.4b", 1024, 16, 16), ("moe-10b", 1536, 16, 32), ("moe-27b", 2048, 16, 48),
      ("moe-70b", 2048, 32, 64),
    ].map { name, hidden, layers, experts in
      ModelPreset(
        name: name,
        model: .moe(
          MoEConfig(
            hidden: hidden, layers: layers, heads: 16, experts: experts, seq: 1024, vocab: 32000,
            batch: 1024, groupSize: 2048)),
        computeType: .f16)
    } + [
      ModelPreset(
        name: "moe-tiny",
        model: .moe(
          MoEConfig(
            hidden: 32, layers: 2, heads: 4, experts: 4, seq: 16, vocab: 64, batch: 4,
            groupSize: 16)))
    ]

  /// Wide-ResNets on 224×224 images with 1024 classes and global batch 1536, trained in f32.
  ///
  /// `wresnet-13b` is depth 50, width 32, as in Alpa's benchmark suite (13.27 B parameters);
  /// depth 101, width 16 would give 12.63 B.
  static let wideResNetPresets: [ModelPreset] =
    [
      ("wresnet-250m", 160, 2), ("wresnet-500m", 224, 2), ("wresnet-1b", 320, 2),
      ("wresnet-2b", 448, 2), ("wresnet-4b", 640, 2), ("wresnet-6.8b", 320, 16),
      ("wresnet-13b", 320, 32),
    ].map { name, base, width in
      ModelPreset(
        name: name,
        model: .wideResNet(
          WideResNetConfig(
            stages: [3, 4, 6, 3], baseChannels: base, widthFactor: width, batch: 1536)))
    } + [
      ModelPreset(
        name: "wresnet-tiny",
        model: .wideResNet(
          WideResNetConfig(
            stages: [1, 1], baseChannels: 4, widthFactor: 1, imageSize: 16, classes: 10,
            batch: 4)))
    ]
}
