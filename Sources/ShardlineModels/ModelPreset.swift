import ShardlineIR

/// A named model of the zoo: its configuration and the precision it is trained in.
public struct ModelPreset: Hashable, Codable, Sendable, CustomStringConvertible {
  /// The lookup name, such as `gpt-1.3b`.
  public var name: String
  /// The architecture and sizes.
  public var model: ModelConfig
  /// Element type of activations and weight copies (Alpa's suite: f16 for GPT and MoE, f32 for
  /// Wide-ResNet); parameters and optimizer state stay f32.
  public var computeType: DType

  /// Creates a preset.
  public init(name: String, model: ModelConfig, computeType: DType = .f32) {
    self.name = name
    self.model = model
    self.computeType = computeType
  }

  /// The model's family.
  public var family: ModelFamily { model.family }

  /// Trainable parameters, in closed form (no graph is built).
  public var parameterCount: Int { model.parameterCount }

  /// Training options in the preset's compute type with the given optimizer.
  public func trainingOptions(optimizer: Optimizer = .adam(learningRate: 1e-3)) -> TrainingOptions {
    TrainingOptions(optimizer: optimizer, computeType: computeType)
  }

  /// Builds the preset's training step in its compute type; the graph is named after the preset.
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func trainingStep(optimizer: Optimizer = .adam(learningRate: 1e-3)) throws -> Graph {
    var graph = try model.trainingStep(options: trainingOptions(optimizer: optimizer))
    graph.name = name
    return graph
  }

  /// The preset with `overrides` applied and the result validated.
  ///
  /// - Throws: ``ModelError/inapplicableOverride(option:family:)`` for an override the family
  ///   does not have, ``ModelError/invalidConfiguration(model:reason:)`` when the result is
  ///   impossible.
  public func applying(_ overrides: ModelOverrides) throws(ModelError) -> ModelPreset {
    var result = self
    result.model = try overrides.apply(to: model)
    if let computeType = overrides.computeType {
      guard computeType.isFloatingPoint else {
        throw .invalidConfiguration(
          model: family.displayName,
          reason: "compute type must be floating-point, got \(computeType.rawValue)")
      }
      result.computeType = computeType
    }
    return result
  }

  /// `name: sizes`, such as `gpt-350m: GPT hidden 1024, 24 layers, …`.
  public var description: String { "\(name): \(model)" }
}
