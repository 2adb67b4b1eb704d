/// An optimizer whose update is emitted as ops of the training-step graph.
public enum Optimizer: Hashable, Codable, Sendable {
  /// `p ← p − lr·g`.
  case sgd(learningRate: Double)
  /// Heavy-ball momentum: `m ← μ·m + g`, `p ← p − lr·m`.
  case momentum(learningRate: Double, momentum: Double)
  /// Adam (Kingma & Ba, 2015) with bias correction: `m ← β1·m + (1−β1)·g`,
  /// `v ← β2·v + (1−β2)·g²`, `p ← p − lr·m̂/(√v̂ + ε)` with `m̂ = m/(1−β1^t)`, `v̂ = v/(1−β2^t)`.
  case adam(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double)

  /// Adam with the usual defaults β1 = 0.9, β2 = 0.999, ε = 1e-8.
  public static func adam(learningRate: Double) -> Optimizer {
    .adam(learningRate: learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
  }

  /// The per-parameter state slots, each the parameter's shape except `step` (a scalar).
  public var slots: [String] {
    switch self {
    case .sgd: []
    case .momentum: ["momentum"]
    case .adam: ["adam_m", "adam_v"]
    }
  }

  /// Optimizer-state bytes per parameter element (f32 state).
  public var stateBytesPerParameter: Int { slots.count * 4 }
}

/// How a training step is built around a model's forward pass.
public struct TrainingOptions: Hashable, Codable, Sendable {
  /// The optimizer whose update ends the step.
  public var optimizer: Optimizer
  /// Element type of activations and of the weights' working copies; parameters and optimizer
  /// state stay f32 (mixed precision when this is f16 or bf16).
  public var computeType: DType
  /// Static loss scale for f16 training: the loss is multiplied by it before the backward pass
  /// and the gradients divided by it before the update. `nil` means 1.
  public var lossScale: Double?

  /// Creates options; Adam at 1e-3 in f32 by default.
  public init(
    optimizer: Optimizer = .adam(learningRate: 1e-3), computeType: DType = .f32,
    lossScale: Double? = nil
  ) {
    self.optimizer = optimizer
    self.computeType = computeType
    self.lossScale = lossScale
  }
}
