/// Shrinking a model's sizes while keeping its structure, so that a plan made for a large
/// cluster can be rehearsed on a small machine.
extension ModelConfig {
  /// The same architecture with its sizes divided: the same graph, op for op, on smaller
  /// tensors.
  ///
  /// For GPT and MoE the hidden size, sequence length and vocabulary are divided by `factor`,
  /// and the batch by `batchFactor`; the counts that make the structure (layers, heads,
  /// experts) are kept, so the size of a head is divided too. MoE's routing group size is
  /// divided by `factor`, as the sequence is, so its routing groups are divided as the batch
  /// is: a group then spans as many sequences as before, and a reshape that is no node (the
  /// tokens' `[batch, seq]` already being `[groups, group size]`) stays no node. Wide-ResNet
  /// and MLP models cannot be scaled down.
  ///
  /// - Parameters:
  ///   - factor: The divisor of the sizes, at least 1.
  ///   - batchFactor: The divisor of the batch, at least 1; `nil` divides it by `factor`.
  /// - Throws: ``ModelError/invalidConfiguration(model:reason:)`` naming the first size that
  ///   `factor` does not divide (or that would leave heads not dividing the hidden size), and
  ///   ``ModelError/inapplicableOverride(option:family:)`` for a family that cannot be scaled.
  public func scaledDown(by factor: Int, batchBy batchFactor: Int? = nil) throws(ModelError)
    -> ModelConfig
  {
    let batchFactor = batchFactor ?? factor
    switch self {
    case .gpt(var c):
      let model = family.displayName
      c.hidden = try Self.divide(c.hidden, "hidden size", by: factor, model: model)
      c.seq = try Self.divide(c.seq, "sequence length", by: factor, model: model)
      c.vocab = try Self.divide(c.vocab, "vocabulary", by: factor, model: model)
      c.batch = try Self.divide(c.batch, "batch", by: batchFactor, model: model)
      try Self.requireHeadsDivide(hidden: c.hidden, heads: c.heads, factor: factor, model: model)
      return .gpt(c)
    case .moe(var c):
      let model = family.displayName
      c.hidden = try Self.divide(c.hidden, "hidden size", by: factor, model: model)
      c.seq = try Self.divide(c.seq, "sequence length", by: factor, model: model)
      c.vocab = try Self.divide(c.vocab, "vocabulary", by: factor, model: model)
      c.batch = try Self.divide(c.batch, "batch", by: batchFactor, model: model)
      c.groupSize = try Self.divide(
        c.groupSize, "routing group size", by: factor, model: model)
      try Self.requireHeadsDivide(hidden: c.hidden, heads: c.heads, factor: factor, model: model)
      try c.validate()
      return .moe(c)
    case .wideResNet, .mlp:
      throw .inapplicableOverride(option: "scale-down", family: family)
    }
  }

  /// `size / factor`, or an error naming `dimension` when `factor` does not divide it.
  private static func divide(_ size: Int, _ dimension: String, by factor: Int, model: String)
    throws(ModelError) -> Int
  {
    guard factor >= 1 else {
      throw .invalidConfiguration(
        model: model, reason: "the scale-down factor must be at least 1, got \(factor)")
    }
    guard size % factor == 0 else {
      throw .invalidConfiguration(
        model: model, reason: "\(dimension) \(size) is not divisible by \(factor)")
    }
    return size / factor
  }

  /// Throws when the kept `heads` do not divide the divided hidden size.
  private static func requireHeadsDivide(hidden: Int, heads: Int, factor: Int, model: String)
    throws(ModelError)
  {
    guard hidden % heads == 0 else {
      throw .invalidConfiguration(
        model: model,
        reason: "hidden size \(hidden * factor) ÷ \(factor) = \(hidden) is not divisible by "
          + "its \(heads) heads")
    }
  }
}
