import ShardlineIR

/// GShard's mixture-of-experts feed-forward layer (Lepikhin et al., 2020).
extension GraphBuilder {
  /// Routes each token of `x` (`[batch, seq, M]`) to its top-2 of `experts` GELU MLPs of
  /// `intermediate` units and combines their outputs with the gates, in scope `moe`.
  ///
  /// Tokens are split into groups of `groupSize`; dispatch and combine are einsums written as
  /// dot_generals: expert inputs `GSEC,GSM→EGCM`, the experts a dot_general batched over `E`
  /// (weights `[E, M, F]` and `[E, F, M]`), outputs `GSEC,EGCM→GSM`.
  ///
  /// - Returns: The layer's output (`x`'s type) and its load-balancing loss (f32 scalar).
  func mixtureOfExperts(
    _ x: Value, experts: Int, groupSize: Int, capacity: Int, intermediate: Int,
    outputStddev: Double
  ) throws -> (output: Value, auxiliaryLoss: Value) {
    try scope("moe") {
      let model = x.shape[2]
      let groups = x.type.elementCount / (groupSize * model)
      let grouped = try reshape(x, [groups, groupSize, model])
      let routing = try scope("gate") {
        try Top2Routing(grouped, experts: experts, capacity: capacity, builder: self)
      }
      let dispatch = try convert(routing.dispatch, to: x.dtype)
      let combine = try convert(routing.combine, to: x.dtype)
      // GSEC,GSM→GECM, then →EGCM
      let expertInputs = try transpose(
        dotGeneral(
          dispatch, grouped,
          DotDimensionNumbers(
            lhsBatch: [0], rhsBatch: [0], lhsContracting: [1], rhsContracting: [1])),
        [1, 0, 2, 3])
      let expertOutputs = try scope("experts") {
        let inner = try gelu(
          expertDense(
            expertInputs, intermediate, stddev: GraphBuilder.transformerInitStddev, label: "fc1"))
        return try expertDense(inner, model, stddev: outputStddev, label: "fc2")
      }
      // GSEC,EGCM→GSM
      let combined = try dotGeneral(
        combine, expertOutputs,
        DotDimensionNumbers(
          lhsBatch: [0], rhsBatch: [1], lhsContracting: [2, 3], rhsContracting: [0, 2]))
      return (try reshape(combined, x.shape), routing.auxiliaryLoss)
    }
  }

  /// One dense layer per expert: `x[e]·W[e] + b[e]` for `x` of shape `[E, G, C, in]`, as a
  /// dot_general batched over the expert dimension.
  private func expertDense(_ x: Value, _ outFeatures: Int, stddev: Double, label: String) throws
    -> Value
  {
    try scope(label) {
      let (experts, inFeatures) = (x.shape[0], x.shape[3])
      let w = try weight(
        "w", [experts, inFeatures, outFeatures], initializer: .normal(stddev: stddev))
      let b = try weight("b", [experts, outFeatures], initializer: .zeros)
      let y = try dotGeneral(
        x, w,
        DotDimensionNumbers(lhsBatch: [0], rhsBatch: [0], lhsContracting: [3], rhsContracting: [1]))
      return try add(y, broadcast(b, to: y.shape, dimensions: [0, 3]))
    }
  }
}
