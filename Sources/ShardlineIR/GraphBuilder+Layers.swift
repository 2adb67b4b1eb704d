import Foundation

/// Dense, embedding, attention, convolution and loss layers built from primitive ops.
extension GraphBuilder {
  /// `x·W (+ b)` over the last dimension of `x`, with `W` drawn from N(0, `stddev`²)
  /// (default `1/√in`).
  public func linear(
    _ x: Value, _ outFeatures: Int, bias: Bool = true, stddev: Double? = nil, label: String
  ) throws(IRError) -> Value {
    try scope(label) { () throws(IRError) -> Value in
      let inFeatures = x.shape[x.rank - 1]
      let std = stddev ?? 1 / Double(inFeatures).squareRoot()
      let w = try weight("w", [inFeatures, outFeatures], initializer: .normal(stddev: std))
      let y = try matmul(x, w)
      guard bias else { return y }
      let b = try weight("b", [outFeatures], initializer: .zeros)
      return try add(y, broadcast(b, to: y.shape))
    }
  }

  /// Looks up rows of `table` (`[vocab, hidden]`) at integer `ids` of any shape.
  public func embeddingLookup(_ table: Value, ids: Value) throws(IRError) -> Value {
    let hidden = table.shape[1]
    return try gather(
      table, ids,
      GatherDimensionNumbers(
        offsetDims: [ids.rank], collapsedSliceDims: [0], startIndexMap: [0],
        indexVectorDim: ids.rank, sliceSizes: [1, hidden]))
  }

  /// Multi-head self-attention with fused QKV projection, scaled dot products, optional causal
  /// mask and output projection (Vaswani et al., 2017). `x` is `[batch, seq, hidden]`.
  public func selfAttention(
    _ x: Value, heads: Int, causal: Bool, stddev: Double? = nil, outputStddev: Double? = nil
  ) throws(IRError) -> Value {
    try scope("attn") { () throws(IRError) -> Value in
      let (batch, seq, hidden) = (x.shape[0], x.shape[1], x.shape[2])
      guard hidden % heads == 0 else {
        throw IRError.invalidOp(
          node: scopePath, kind: "attention",
          reason: "\(heads) heads do not divide hidden \(hidden)")
      }
      let headSize = hidden / heads
      // The fused projection's columns are laid out [heads, 3, headSize], as Megatron-LM lays
      // them out: a split of the columns over devices then gives each device whole heads of q,
      // k and v, and the slices below cut a dimension that is never split.
      let qkv = try linear(x, 3 * hidden, stddev: stddev, label: "qkv")
      let perHead = try reshape(qkv, [batch, seq, heads, 3, headSize])
      let split = { (part: Int) throws(IRError) -> Value in
        let slice = try self.slice(
          perHead, start: [0, 0, 0, part, 0], limit: [batch, seq, heads, part + 1, headSize])
        return try self.reshape(slice, [batch, seq, heads, headSize])
      }
      let (q, k, v) = try (split(0), split(1), split(2))
      // scores[b, n, s, t] = Σ_d q[b, s, n, d]·k[b, t, n, d] / √d
      var scores = try scale(
        dotGeneral(
          q, k,
          DotDimensionNumbers(
            lhsBatch: [0, 2], rhsBatch: [0, 2], lhsContracting: [3], rhsContracting: [3])),
        by: 1 / Double(headSize).squareRoot())
      if causal { scores = try causalMask(scores) }
      let probabilities = try softmax(scores)
      // context[b, n, s, d] = Σ_t p[b, n, s, t]·v[b, t, n, d]
      let context = try dotGeneral(
        probabilities, v,
        DotDimensionNumbers(
          lhsBatch: [0, 1], rhsBatch: [0, 2], lhsContracting: [3], rhsContracting: [1]))
      let merged = try reshape(transpose(context, [0, 2, 1, 3]), [batch, seq, hidden])
      return try linear(merged, hidden, stddev: outputStddev ?? stddev, label: "out")
    }
  }

  /// Replaces scores of keys after the query (`t > s` in the last two dimensions) by a large
  /// negative number, so softmax gives them no weight.
  func causalMask(_ scores: Value) throws(IRError) -> Value {
    try scope("causal_mask") { () throws(IRError) -> Value in
      let rank = scores.rank
      let positions = TensorType(scores.shape, .i32)
      let query = try iota(positions, dimension: rank - 2)
      let key = try iota(positions, dimension: rank - 1)
      let visible = try compare(key, query, .le)
      let blocked = scores.dtype == .f16 ? -3.0e4 : -1.0e9
      return try select(visible, scores, constant(blocked, scores.type))
    }
  }

  /// Mean softmax cross-entropy of `logits` (`[..., classes]`) against integer `labels`
  /// (`[...]`), computed in f32 whatever the logits' type.
  public func softmaxCrossEntropy(logits: Value, labels: Value) throws(IRError) -> Value {
    try scope("loss") { () throws(IRError) -> Value in
      let x = try convert(logits, to: .f32)
      let classIndex = try iota(TensorType(x.shape, labels.dtype), dimension: x.rank - 1)
      let target = try broadcast(labels, to: x.shape, dimensions: Array(0..<labels.rank))
      let oneHot = try convert(compare(classIndex, target, .eq), to: .f32)
      let picked = try sum(multiply(oneHot, x), dimensions: [x.rank - 1])
      let perExample = try subtract(logSumExp(x), picked)
      let count = perExample.type.elementCount
      return try scale(
        sum(perExample, dimensions: Array(0..<perExample.rank)), by: 1 / Double(count))
    }
  }

  /// A 2-D convolution of an NHWC input with an HWIO kernel of `outChannels` filters of size
  /// `kernelSize`×`kernelSize`, "same"-style padding `kernelSize/2` on each side.
  public func conv2D(
    _ x: Value, outChannels: Int, kernelSize: Int, stride: Int = 1, label: String
  ) throws(IRError) -> Value {
    try scope(label) { () throws(IRError) -> Value in
      let inChannels = x.shape[3]
      let fanIn = Double(kernelSize * kernelSize * inChannels)
      let kernel = try weight(
        "kernel", [kernelSize, kernelSize, inChannels, outChannels],
        initializer: .normal(stddev: (2 / fanIn).squareRoot()))
      let pad = kernelSize / 2
      return try convolution(
        x, kernel,
        .nhwc(strides: [stride, stride], padding: [[pad, pad], [pad, pad]]))
    }
  }
}
