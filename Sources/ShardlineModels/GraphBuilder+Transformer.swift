import ShardlineIR

/// The pieces GPT and MoE transformers share: embeddings, pre-LN blocks, dense MLP and the tied
/// language-model head. Each is called inside the model layer it belongs to.
extension GraphBuilder {
  /// Standard deviation of every transformer weight at initialization (GPT-2).
  static let transformerInitStddev = 0.02

  /// Declares the `tokens` batch input and returns token + learned position embeddings
  /// (`[batch, seq, hidden]`) with the token table (`[vocab, hidden]`) the head reuses.
  func tokenAndPositionEmbedding(batch: Int, seq: Int, vocab: Int, hidden: Int) throws
    -> (hidden: Value, table: Value)
  {
    let tokens = try input(
      "tokens", TensorType([batch, seq], .i32), role: .batch,
      initializer: .integers(upperBound: vocab))
    let table = try weight(
      "wte", [vocab, hidden], initializer: .normal(stddev: Self.transformerInitStddev))
    // GPT-2 draws position embeddings with half the weights' spread.
    let positionTable = try weight("wpe", [seq, hidden], initializer: .normal(stddev: 0.01))
    let positions = try iota(TensorType([seq], .i32), dimension: 0)
    let tokenEmbeddings = try embeddingLookup(table, ids: tokens)
    let positionEmbeddings = try embeddingLookup(positionTable, ids: positions)
    let sum = try add(tokenEmbeddings, broadcast(positionEmbeddings, to: tokenEmbeddings.shape))
    return (sum, table)
  }

  /// A pre-LN transformer block: `x + attn(LN(x))`, then `h + ffn(LN(h))`.
  ///
  /// - Parameters:
  ///   - outputStddev: Initial spread of the attention output projection.
  ///   - feedForward: The block's MLP (dense or mixture of experts), applied to `LN(h)`.
  func transformerBlock(
    _ x: Value, heads: Int, outputStddev: Double, feedForward: (Value) throws -> Value
  ) throws -> Value {
    let attention = try selfAttention(
      layerNorm(x, label: "ln1"), heads: heads, causal: true,
      stddev: Self.transformerInitStddev, outputStddev: outputStddev)
    let attended = try add(x, attention)
    return try add(attended, feedForward(layerNorm(attended, label: "ln2")))
  }

  /// `gelu(x·W1 + b1)·W2 + b2` with `intermediate` hidden units, in scope `mlp`.
  func denseFeedForward(_ x: Value, intermediate: Int, outputStddev: Double) throws -> Value {
    try scope("mlp") {
      let hidden = x.shape[x.rank - 1]
      let inner = try gelu(
        linear(x, intermediate, stddev: Self.transformerInitStddev, label: "fc1"))
      return try linear(inner, hidden, stddev: outputStddev, label: "fc2")
    }
  }

  /// Declares the `labels` batch input, applies the final layer norm and returns the mean
  /// cross-entropy of logits from the head tied to the token `table`
  /// (`logits[b, s, v] = Σ_h x[b, s, h]·table[v, h]`).
  func tiedLanguageModelLoss(_ x: Value, table: Value) throws -> Value {
    let vocab = table.shape[0]
    let labels = try input(
      "labels", TensorType([x.shape[0], x.shape[1]], .i32), role: .batch,
      initializer: .integers(upperBound: vocab))
    let normed = try layerNorm(x, label: "ln_f")
    let logits = try scope("lm_head") {
      try dotGeneral(
        normed, table, DotDimensionNumbers(lhsContracting: [2], rhsContracting: [1]))
    }
    return try softmaxCrossEntropy(logits: logits, labels: labels)
  }
}
