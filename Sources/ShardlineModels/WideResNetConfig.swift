import ShardlineIR

/// A wide bottleneck ResNet, as Alpa's `wide_resnet.py` defines it (after Flax's ImageNet
/// ResNet; Zagoruyko & Komodakis, 2016).
///
/// A 7×7 stride-2 stem convolution with batch norm and ReLU, a 3×3 stride-2 max pool, then
/// stages of bottleneck blocks. Stage `s` has `filters = baseChannels·2^s`; each block is a 1×1
/// convolution to `filters`, a 3×3 convolution to `filters·widthFactor` (stride 2 in the first
/// block of every stage but the first), a 1×1 convolution to `4·filters`, batch norm after each,
/// a 1×1 projection shortcut with batch norm when the shape changes, and ReLU after the residual
/// sum. Global average pooling and a dense layer give the class logits.
/// Layers: `stem` (0), one per block `stage{s}/block{b}`, then `head`.
///
/// Only the 3×3 convolution is widened: that is the reading of `widthFactor` under which all
/// seven presets of the paper land within 5 % of their names (widening the first 1×1
/// convolution too gives 1.65–11× too many parameters).
public struct WideResNetConfig: Hashable, Codable, Sendable {
  /// Bottleneck blocks per stage: `[3, 4, 6, 3]` for depth 50, `[3, 4, 23, 3]` for 101.
  public var stages: [Int]
  /// Filters of the stem and of the first stage's bottleneck.
  public var baseChannels: Int
  /// Multiplier of each bottleneck's 3×3 convolution width.
  public var widthFactor: Int
  /// Height and width of the square RGB input images, in pixels.
  public var imageSize: Int
  /// Number of classes (Alpa's benchmark used 1024).
  public var classes: Int
  /// Global batch size in images.
  public var batch: Int

  /// Creates a configuration from a list of blocks per stage.
  public init(
    stages: [Int], baseChannels: Int, widthFactor: Int, imageSize: Int = 224,
    classes: Int = 1024, batch: Int
  ) {
    self.stages = stages
    self.baseChannels = baseChannels
    self.widthFactor = widthFactor
    self.imageSize = imageSize
    self.classes = classes
    self.batch = batch
  }

  /// Creates a depth-50 or depth-101 configuration.
  ///
  /// - Throws: ``ModelError/invalidConfiguration(model:reason:)`` for any other depth.
  public init(
    depth: Int, baseChannels: Int, widthFactor: Int, imageSize: Int = 224, classes: Int = 1024,
    batch: Int
  ) throws(ModelError) {
    self.init(
      stages: try Self.stages(forDepth: depth), baseChannels: baseChannels,
      widthFactor: widthFactor, imageSize: imageSize, classes: classes, batch: batch)
  }

  /// The stage list of a standard depth: 50 or 101.
  ///
  /// - Throws: ``ModelError/invalidConfiguration(model:reason:)`` for any other depth.
  public static func stages(forDepth depth: Int) throws(ModelError) -> [Int] {
    switch depth {
    case 50: return [3, 4, 6, 3]
    case 101: return [3, 4, 23, 3]
    default:
      throw .invalidConfiguration(
        model: "Wide-ResNet", reason: "depth must be 50 or 101, got \(depth)")
    }
  }

  /// Weighted layers: the stem, three convolutions per block and the dense head.
  public var depth: Int { 2 + 3 * stages.reduce(0, +) }

  /// Checks that the stage list is non-empty and every size is positive.
  ///
  /// - Throws: ``ModelError/invalidConfiguration(model:reason:)`` naming the first violation.
  public func validate() throws(ModelError) {
    if stages.isEmpty {
      throw .invalidConfiguration(model: "Wide-ResNet", reason: "at least one stage is needed")
    }
    try ConfigValidation.requirePositive(
      model: "Wide-ResNet",
      stages.enumerated().map { ("blocks of stage \($0.offset)", $0.element) } + [
        ("base channels", baseChannels), ("width factor", widthFactor),
        ("image size", imageSize), ("classes", classes), ("batch", batch),
      ])
  }

  /// The stride of block `block` of stage `stage`: 2 on the first block of stages after the
  /// first, else 1.
  func stride(stage: Int, block: Int) -> Int { stage > 0 && block == 0 ? 2 : 1 }

  /// Trainable parameters, in closed form (convolutions have no bias; batch norms 2 per
  /// channel; the dense head has a bias).
  ///
  /// For `wresnet-250m` (depth 50, base 160, width 2): stem `7·7·3·160 + 2·160 = 23,840`; stage 0
  /// (f = 160) first block `160·160 + 320 + 9·160·320 + 640 + 320·640 + 1,280` plus projection
  /// `160·640 + 1,280`; … ; head `5,120·1,024 + 1,024`; in all 254,123,104.
  public var parameterCount: Int {
    var count = 7 * 7 * 3 * baseChannels + 2 * baseChannels
    var channels = baseChannels
    for (s, blocks) in stages.enumerated() {
      let filters = baseChannels << s
      let inner = filters * widthFactor
      for b in 0..<blocks {
        count += channels * filters + 2 * filters
        count += 9 * filters * inner + 2 * inner
        count += inner * 4 * filters + 8 * filters
        if channels != 4 * filters || stride(stage: s, block: b) != 1 {
          count += channels * 4 * filters + 8 * filters
        }
        channels = 4 * filters
      }
    }
    return count + channels * classes + classes
  }
}
