import ShardlineIR

/// Changes to a preset's sizes, as the command line gives them (`--hidden`, `--depth`, …);
/// `nil` leaves a size as the preset has it.
///
/// Each override applies to some families only: giving one to another family is an error, not
/// a silent no-op. `layers` is the number of blocks for transformers, the depth (50 or 101) for
/// Wide-ResNet and the number of hidden layers for MLPs; `hidden` is the width of every hidden
/// layer for MLPs.
public struct ModelOverrides: Hashable, Codable, Sendable {
  /// Model width (GPT, MoE, MLP).
  public var hidden: Int?
  /// Blocks (GPT, MoE), depth (Wide-ResNet) or hidden layers (MLP).
  public var layers: Int?
  /// Attention heads (GPT, MoE).
  public var heads: Int?
  /// Sequence length in tokens (GPT, MoE).
  public var seq: Int?
  /// Vocabulary size (GPT, MoE).
  public var vocab: Int?
  /// Experts per mixture-of-experts block (MoE).
  public var experts: Int?
  /// Global batch size (all families).
  public var batch: Int?
  /// Compute element type (all families); must be floating-point.
  public var computeType: DType?
  /// Number of classes (Wide-ResNet, MLP).
  public var classes: Int?
  /// Image height and width in pixels (Wide-ResNet).
  public var imageSize: Int?
  /// Filters of the first stage (Wide-ResNet).
  public var baseChannels: Int?
  /// Widening of the 3×3 convolutions (Wide-ResNet).
  public var widthFactor: Int?

  /// Creates overrides; every size left `nil` keeps the preset's value.
  public init(
    hidden: Int? = nil, layers: Int? = nil, heads: Int? = nil, seq: Int? = nil,
    vocab: Int? = nil, experts: Int? = nil, batch: Int? = nil, computeType: DType? = nil,
    classes: Int? = nil, imageSize: Int? = nil, baseChannels: Int? = nil,
    widthFactor: Int? = nil
  ) {
    self.hidden = hidden
    self.layers = layers
    self.heads = heads
    self.seq = seq
    self.vocab = vocab
    self.experts = experts
    self.batch = batch
    self.computeType = computeType
    self.classes = classes
    self.imageSize = imageSize
    self.baseChannels = baseChannels
    self.widthFactor = widthFactor
  }

  /// The names of the overrides that are set, in declaration order.
  public var givenOptions: [String] {
    let all: [(String, Bool)] = [
      ("hidden", hidden != nil), ("depth", layers != nil), ("heads", heads != nil),
      ("seq", seq != nil), ("vocab", vocab != nil), ("experts", experts != nil),
      ("batch", batch != nil), ("dtype", computeType != nil), ("classes", classes != nil),
      ("image-size", imageSize != nil), ("base-channels", baseChannels != nil),
      ("width-factor", widthFactor != nil),
    ]
    return all.filter(\.1).map(\.0)
  }

  /// The overrides that apply to a family, named as in ``givenOptions``.
  public static func options(for family: ModelFamily) -> Set<String> {
    let common: Set = ["batch", "dtype"]
    switch family {
    case .gpt: return common.union(["hidden", "depth", "heads", "seq", "vocab"])
    case .moe: return common.union(["hidden", "depth", "heads", "seq", "vocab", "experts"])
    case .wideResNet:
      return common.union(["depth", "classes", "image-size", "base-channels", "width-factor"])
    case .mlp: return common.union(["hidden", "depth", "classes"])
    }
  }

  /// `model` with the sizes overridden, validated. The compute type is the preset's business
  /// (see ``ModelPreset/applying(_:)``).
  ///
  /// - Throws: ``ModelError/inapplicableOverride(option:family:)`` for an override the family
  ///   does not have, ``ModelError/invalidConfiguration(model:reason:)`` when the result is
  ///   impossible.
  public func apply(to model: ModelConfig) throws(ModelError) -> ModelConfig {
    let allowed = Self.options(for: model.family)
    if let option = givenOptions.first(where: { !allowed.contains($0) }) {
      throw .inapplicableOverride(option: option, family: model.family)
    }
    let result: ModelConfig
    switch model {
    case .gpt(var c):
      c.hidden = hidden ?? c.hidden
      c.layers = layers ?? c.layers
      c.heads = heads ?? c.heads
      c.seq = seq ?? c.seq
      c.vocab = vocab ?? c.vocab
      c.batch = batch ?? c.batch
      result = .gpt(c)
    case .moe(var c):
      c.hidden = hidden ?? c.hidden
      c.layers = layers ?? c.layers
      c.heads = heads ?? c.heads
      c.seq = seq ?? c.seq
      c.vocab = vocab ?? c.vocab
      c.experts = experts ?? c.experts
      c.batch = batch ?? c.batch
      result = .moe(c)
    case .wideResNet(var c):
      if let layers { c.stages = try WideResNetConfig.stages(forDepth: layers) }
      c.classes = classes ?? c.classes
      c.imageSize = imageSize ?? c.imageSize
      c.baseChannels = baseChannels ?? c.baseChannels
      c.widthFactor = widthFactor ?? c.widthFactor
      c.batch = batch ?? c.batch
      result = .wideResNet(c)
    case .mlp(var c):
      let width = hidden ?? c.hiddenSizes.first ?? c.input
      if let layers {
        guard layers >= 0 else {
          throw .invalidConfiguration(
            model: "MLP", reason: "layers must not be negative, got \(layers)")
        }
        c.hiddenSizes = Array(repeating: width, count: layers)
      } else if let hidden {
        c.hiddenSizes = c.hiddenSizes.map { _ in hidden }
      }
      c.classes = classes ?? c.classes
      c.batch = batch ?? c.batch
      result = .mlp(c)
    }
    try result.validate()
    return result
  }
}
