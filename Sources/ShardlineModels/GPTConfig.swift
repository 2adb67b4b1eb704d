import ShardlineIR

/// A GPT-style decoder-only transformer (Radford et al., 2019; the GPT-3 shapes of Brown et al.,
/// 2020 that Megatron-LM and Alpa benchmark).
///
/// Token and learned position embeddings, `layers` pre-LN blocks (LN → causal self-attention →
/// residual, LN → GELU MLP of `4·hidden` units → residual), a final layer norm and a language-model
/// head tied to the token embedding, trained with softmax cross-entropy on integer labels.
/// Layers: `embed` (0), `block{i}` (i + 1), `head` (`layers` + 1).
public struct GPTConfig: Hashable, Codable, Sendable {
  /// Model width (embedding size).
  public var hidden: Int
  /// Number of transformer blocks.
  public var layers: Int
  /// Attention heads per block; must divide ``hidden``.
  public var heads: Int
  /// Sequence length in tokens.
  public var seq: Int
  /// Vocabulary size.
  public var vocab: Int
  /// Global batch size in sequences.
  public var batch: Int

  /// Creates a configuration.
  public init(hidden: Int, layers: Int, heads: Int, seq: Int, vocab: Int, batch: Int) {
    self.hidden = hidden
    self.layers = layers
    self.heads = heads
    self.seq = seq
    self.vocab = vocab
    self.batch = batch
  }

  /// Units of each block's MLP: `4·hidden`.
  public var intermediate: Int { 4 * hidden }

  /// Checks that every size is positive and that ``heads`` divides ``hidden``.
  ///
  /// - Throws: ``ModelError/invalidConfiguration(model:reason:)`` naming the first violation.
  public func validate() throws(ModelError) {
    try ConfigValidation.check(
      model: "GPT",
      sizes: [
        ("hidden", hidden), ("layers", layers), ("heads", heads), ("seq", seq),
        ("vocab", vocab), ("batch", batch),
      ], hidden: hidden, heads: heads)
  }

  /// Trainable parameters, in closed form:
  /// `vocab·h + seq·h + layers·(12h² + 13h) + 2h`.
  ///
  /// Per block: QKV `3h² + 3h`, attention output `h² + h`, MLP `8h² + 5h`, two layer norms `4h`.
  /// The head adds only the final layer norm (`2h`), being tied to the token embedding.
  public var parameterCount: Int {
    let h = hidden
    return vocab * h + seq * h + layers * (12 * h * h + 13 * h) + 2 * h
  }

  /// Emits the forward pass into `b` — batch inputs, weights and every layer — and returns
  /// the scalar loss.
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func forward(_ b: GraphBuilder) throws -> Value {
    try validate()
    let outputStddev = GraphBuilder.transformerInitStddev / Double(2 * layers).squareRoot()
    let (embedded, table) = try b.layer(0, named: "embed") {
      try b.tokenAndPositionEmbedding(batch: batch, seq: seq, vocab: vocab, hidden: hidden)
    }
    var x = embedded
    for i in 0..<layers {
      x = try b.layer(i + 1, named: "block\(i)") {
        try b.transformerBlock(x, heads: heads, outputStddev: outputStddev) { normed in
          try b.denseFeedForward(normed, intermediate: intermediate, outputStddev: outputStddev)
        }
      }
    }
    return try b.layer(layers + 1, named: "head") {
      try b.tiedLanguageModelLoss(x, table: table)
    }
  }

  /// Builds the training step: forward pass, backward pass and optimizer update.
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func trainingStep(options: TrainingOptions = TrainingOptions()) throws -> Graph {
    try TrainingStep.build(name: "gpt", options: options, forward: forward)
  }
}
