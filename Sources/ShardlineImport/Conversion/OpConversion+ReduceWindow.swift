import ShardlineIR

/// `stablehlo.reduce_window` (pooling), unrolled into strided slices of the padded input.
extension OpConversion {
  /// The most elements a window may have for the unrolling to be accepted.
  static let windowElementLimit = 64

  /// The pooled result: the input padded with the initial value, one strided slice per window
  /// position, combined pairwise with the region's `add`, `maximum` or `minimum`.
  ///
  /// Base dilation is rejected; windows of more than ``windowElementLimit`` elements are
  /// rejected rather than unrolled into thousands of ops.
  func convertReduceWindow() throws(ImportError) -> Bound {
    try expectOperands(2)
    let x = try value(0)
    let initial = try bound(1)
    let kind = try reductionKind(of: combiner(), dtype: x.dtype)
    let rank = x.rank
    let window = try integers("window_dimensions")
    let ones = Array(repeating: 1, count: rank)
    let strides = try optionalIntegers("window_strides") ?? ones
    let dilations = try optionalIntegers("window_dilations") ?? ones
    let padding =
      operation.attributes["padding"] == nil
      ? Array(repeating: [0, 0], count: rank) : try integerPairs("padding")
    guard (try optionalIntegers("base_dilations") ?? ones).allSatisfy({ $0 == 1 }) else {
      throw error("base dilation is not supported")
    }
    guard window.count == rank, strides.count == rank, dilations.count == rank,
      padding.count == rank, (window + strides + dilations).allSatisfy({ $0 >= 1 })
    else { throw error("window attributes do not match rank \(rank)") }
    let elements = window.reduce(1, *)
    guard elements <= Self.windowElementLimit else {
      throw error(
        "windows of \(elements) elements are not supported (at most \(Self.windowElementLimit))")
    }
    guard initial.type == TensorType([], x.dtype) else {
      throw error("initial value \(initial.type.mlirDescription) is not a scalar of the input type")
    }
    var padded = x
    if padding.contains(where: { $0 != [0, 0] }) {
      padded = try emit(
        .pad(PadAttributes(low: padding.map { $0[0] }, high: padding.map { $0[1] })),
        [x, materialize(initial)], suffix: "pad")
    }
    let slices = try windowSlices(
      of: padded, window: window, strides: strides, dilations: dilations
    ).map(\.value)
    let combine: BinaryOperator =
      switch kind {
      case .sum: .add
      case .max: .maximum
      case .min: .minimum
      }
    var total = slices[0]
    for slice in slices.dropFirst() {
      total = try emit(.binary(combine), [total, slice], suffix: "combine")
    }
    if let value = initial.element(0), Self.isIdentity(value, of: kind, dtype: x.dtype) {
      try check(total.type)
      return Bound(node: total)
    }
    let start = try emit(
      .broadcastInDim(dimensions: []), [materialize(initial)], type: total.type, suffix: "init")
    return try emitResult(.binary(combine), [total, start])
  }

  /// One strided slice of `padded` per window position, in row-major window order: slice `k`
  /// holds, for every output position, the window's `k`-th element; with its start offset.
  func windowSlices(of padded: Value, window: [Int], strides: [Int], dilations: [Int])
    throws(ImportError) -> [(value: Value, start: [Int])]
  {
    let rank = padded.rank
    var outputs: [Int] = []
    for d in 0..<rank {
      let span = (window[d] - 1) * dilations[d] + 1
      guard padded.shape[d] >= span else {
        throw error("window larger than the padded input in dimension \(d)")
      }
      outputs.append((padded.shape[d] - span) / strides[d] + 1)
    }
    var slices: [(value: Value, start: [Int])] = []
    for position in 0..<window.reduce(1, *) {
      var rest = position
      var start = Array(repeating: 0, count: rank)
      for d in (0..<rank).reversed() {
        start[d] = (rest % window[d]) * dilations[d]
        rest /= window[d]
      }
      let limit = (0..<rank).map { start[$0] + (outputs[$0] - 1) * strides[$0] + 1 }
      let slice = try emit(
        .slice(SliceAttributes(start: start, limit: limit, strides: strides)), [padded],
        suffix: "window")
      slices.append((slice, start))
    }
    return slices
  }
}
