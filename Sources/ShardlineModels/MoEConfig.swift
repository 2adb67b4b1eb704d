import ShardlineIR

/// A GShard mixture-of-experts transformer (Lepikhin et al., 2020), as Alpa benchmarks it.
///
/// GPT's structure (learned positions, pre-LN blocks, causal attention, final LN, head tied to
/// the token embedding) with every second block's MLP — blocks 1, 3, 5, … — replaced by
/// ``experts`` expert MLPs under top-2 gating. Dense and expert MLPs both have
/// `8·hidden` units: with that the paper's presets land within 5 % of their names. The head is
/// tied so that the closed-form counts match those the lead derived from the paper.
/// Layers: `embed` (0), `block{i}` (i + 1), `head` (`layers` + 1); the load-balancing losses
/// of the MoE blocks, scaled by ``auxiliaryLossWeight``, are added to the loss in `head`.
public struct MoEConfig: Hashable, Codable, Sendable {
  /// Model width (embedding size).
  public var hidden: Int
  /// Number of transformer blocks, half of them (the odd ones) mixture-of-experts blocks.
  public var layers: Int
  /// Attention heads per block; must divide ``hidden``.
  public var heads: Int
  /// Experts in each mixture-of-experts block.
  public var experts: Int
  /// Sequence length in tokens.
  public var seq: Int
  /// Vocabulary size.
  public var vocab: Int
  /// Global batch size in sequences.
  public var batch: Int
  /// Expert buffer size relative to an even share of one group's tokens:
  /// capacity `C = ⌊capacityFactor·S/E⌋` (at least 1) for groups of `S` tokens. GShard's top-2
  /// uses 2 (`C = 2S/E`).
  public var capacityFactor: Double
  /// Tokens per routing group, at most: groups hold `min(groupSize, batch·seq)` tokens, which
  /// must divide `batch·seq`. Alpa's suite used 2048.
  public var groupSize: Int
  /// Weight of the load-balancing loss added to the cross-entropy (GShard: 0.01).
  public var auxiliaryLossWeight: Double

  /// Creates a configuration.
  public init(
    hidden: Int, layers: Int, heads: Int, experts: Int, seq: Int, vocab: Int, batch: Int,
    capacityFactor: Double = 2, groupSize: Int = 2048, auxiliaryLossWeight: Double = 0.01
  ) {
    self.hidden = hidden
    self.layers = layers
    self.heads = heads
    self.experts = experts
    self.seq = seq
    self.vocab = vocab
    self.batch = batch
    self.capacityFactor = capacityFactor
    self.groupSize = groupSize
    self.auxiliaryLossWeight = auxiliaryLossWeight
  }

  /// Units of every MLP, dense or expert: `8·hidden`.
  public var intermediate: Int { 8 * hidden }

  /// Tokens in each routing group: `min(groupSize, batch·seq)`.
  public var tokensPerGroup: Int { min(groupSize, batch * seq) }

  /// Slots in each expert's buffer per group: `⌊capacityFactor·S/E⌋`, at least 1.
  public var capacity: Int {
    max(1, Int((capacityFactor * Double(tokensPerGroup) / Double(experts)).rounded(.down)))
  }

  /// Whether block `index` (0-based) has a mixture-of-experts MLP: the odd ones.
  public func isExpertBlock(_ index: Int) -> Bool { index % 2 == 1 }

  /// Checks sizes, that ``heads`` divides ``hidden`` and that groups tile the batch.
  ///
  /// - Throws: ``ModelError/invalidConfiguration(model:reason:)`` naming the first violation.
  public func validate() throws(ModelError) {
    try ConfigValidation.check(
      model: "MoE",
      sizes: [
        ("hidden", hidden), ("layers", layers), ("heads", heads), ("experts", experts),
        ("seq", seq), ("vocab", vocab), ("batch", batch), ("group size", groupSize),
      ], hidden: hidden, heads: heads)
    if !(capacityFactor > 0) {
      throw .invalidConfiguration(
        model: "MoE", reason: "capacity factor must be positive, got \(capacityFactor)")
    }
    if (batch * seq) % tokensPerGroup != 0 {
      throw .invalidConfiguration(
        model: "MoE",
        reason: "groups of \(tokensPerGroup) tokens do not divide \(batch)×\(seq) tokens")
    }
  }

  /// Trainable parameters, in closed form: `vocab·h + seq·h + 2h` plus, per block, attention
  /// and layer norms `4h² + 8h` and an MLP: dense `16h² + 9h`, or gate `h·E` plus
  /// `E·(16h² + 9h)` for the expert blocks.
  public var parameterCount: Int {
    let h = hidden
    let mlp = 16 * h * h + 9 * h
    let expertBlocks = layers / 2
    let denseBlocks = layers - expertBlocks
    return vocab * h + seq * h + 2 * h + layers * (4 * h * h + 8 * h) + denseBlocks * mlp
      + expertBlocks * (h * experts + experts * mlp)
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
    var auxiliaryLosses: [Value] = []
    for i in 0..<layers {
      x = try b.layer(i + 1, named: "block\(i)") {
        try b.transformerBlock(x, heads: heads, outputStddev: outputStddev) { normed in
          guard isExpertBlock(i) else {
            return try b.denseFeedForward(
              normed, intermediate: intermediate, outputStddev: outputStddev)
          }
          let (output, auxiliaryLoss) = try b.mixtureOfExperts(
            normed, experts: experts, groupSize: tokensPerGroup, capacity: capacity,
            intermediate: intermediate, outputStddev: outputStddev)
          auxiliaryLosses.append(auxiliaryLoss)
          return output
        }
      }
    }
    return try b.layer(layers + 1, named: "head") {
      let loss = try b.tiedLanguageModelLoss(x, table: table)
      guard let first = auxiliaryLosses.first else { return loss }
      let balance = try auxiliaryLosses.dropFirst().reduce(first) { try b.add($0, $1) }
      return try b.add(loss, b.scale(balance, by: auxiliaryLossWeight))
    }
  }

  /// Builds the training step: forward pass, backward pass and optimizer update.
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func trainingStep(options: TrainingOptions = TrainingOptions()) throws -> Graph {
    try TrainingStep.build(name: "moe", options: options, forward: forward)
  }
}
