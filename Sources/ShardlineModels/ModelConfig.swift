import ShardlineIR

/// The architecture and sizes of a zoo model, of any family.
public enum ModelConfig: Hashable, Codable, Sendable, CustomStringConvertible {
  /// A GPT-style transformer.
  case gpt(GPTConfig)
  /// A GShard mixture-of-experts transformer.
  case moe(MoEConfig)
  /// A wide bottleneck ResNet.
  case wideResNet(WideResNetConfig)
  /// A multi-layer perceptron.
  case mlp(MLPConfig)

  /// The model's family.
  public var family: ModelFamily {
    switch self {
    case .gpt: .gpt
    case .moe: .moe
    case .wideResNet: .wideResNet
    case .mlp: .mlp
    }
  }

  /// Global batch size, in sequences, images or examples.
  public var batch: Int {
    switch self {
    case .gpt(let c): c.batch
    case .moe(let c): c.batch
    case .wideResNet(let c): c.batch
    case .mlp(let c): c.batch
    }
  }

  /// Whether the training step normalizes activations by statistics over its batch (Wide-ResNet's
  /// batch norm). A step split into microbatches then normalizes each by its own statistics, so
  /// it is not the full-batch step (GPipe, Huang et al. 2019, §2.2, computes batch norm
  /// statistics per microbatch for the same reason).
  public var normalizesOverTheBatch: Bool { family == .wideResNet }

  /// Trainable parameters, in closed form (no graph is built).
  public var parameterCount: Int {
    switch self {
    case .gpt(let c): c.parameterCount
    case .moe(let c): c.parameterCount
    case .wideResNet(let c): c.parameterCount
    case .mlp(let c): c.parameterCount
    }
  }

  /// Checks the configuration's sizes.
  ///
  /// - Throws: ``ModelError/invalidConfiguration(model:reason:)`` naming the first violation.
  public func validate() throws(ModelError) {
    switch self {
    case .gpt(let c): try c.validate()
    case .moe(let c): try c.validate()
    case .wideResNet(let c): try c.validate()
    case .mlp(let c): try c.validate()
    }
  }

  /// Emits the forward pass into `builder` and returns the scalar loss.
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func forward(_ builder: GraphBuilder) throws -> Value {
    switch self {
    case .gpt(let c): try c.forward(builder)
    case .moe(let c): try c.forward(builder)
    case .wideResNet(let c): try c.forward(builder)
    case .mlp(let c): try c.forward(builder)
    }
  }

  /// Builds the training step: forward pass, backward pass and optimizer update.
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func trainingStep(options: TrainingOptions = TrainingOptions()) throws -> Graph {
    switch self {
    case .gpt(let c): try c.trainingStep(options: options)
    case .moe(let c): try c.trainingStep(options: options)
    case .wideResNet(let c): try c.trainingStep(options: options)
    case .mlp(let c): try c.trainingStep(options: options)
    }
  }

  /// The sizes in one line, such as `GPT hidden 1024, 24 layers, 16 heads, seq 1024, vocab 51200,
  /// batch 1024`.
  public var description: String {
    switch self {
    case .gpt(let c):
      "GPT hidden \(c.hidden), \(c.layers) layers, \(c.heads) heads, seq \(c.seq), "
        + "vocab \(c.vocab), batch \(c.batch)"
    case .moe(let c):
      "MoE hidden \(c.hidden), \(c.layers) layers, \(c.heads) heads, \(c.experts) experts, "
        + "seq \(c.seq), vocab \(c.vocab), batch \(c.batch)"
    case .wideResNet(let c):
      "Wide-ResNet depth \(c.depth), base \(c.baseChannels), width ×\(c.widthFactor), "
        + "image \(c.imageSize), \(c.classes) classes, batch \(c.batch)"
    case .mlp(let c):
      "MLP \(([c.input] + c.hiddenSizes + [c.classes]).map(String.init).joined(separator: "→")), "
        + "batch \(c.batch)"
    }
  }
}
