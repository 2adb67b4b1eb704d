import ShardlineIR

/// `stablehlo.select_and_scatter` (the gradient of max pooling), unrolled over window positions.
extension OpConversion {
  /// Each window's source value added at the window's first maximum (a `GE` select) or first
  /// minimum (`LE`), as the scatter region's `add` asks.
  ///
  /// Unrolled like ``convertReduceWindow()``: the operand padded with the select's identity is
  /// cut into one strided slice per window position; their extreme is the pooled value; walking
  /// the positions in order, a position takes the source value where it equals the extreme and
  /// no earlier position did; each position's share is padded back into place (strides as
  /// interior padding) and the shares are added.
  func convertSelectAndScatter() throws(ImportError) -> Bound {
    try expectOperands(3)
    let x = try value(0)
    let source = try value(1)
    let initial = try bound(2)
    let picksMaximum = try selectPicksMaximum()
    guard try combiner(region: 1) == "stablehlo.add" else {
      throw error("only a scatter region that adds is supported")
    }
    let rank = x.rank
    let ones = Array(repeating: 1, count: rank)
    let window = try integers("window_dimensions")
    let strides = try optionalIntegers("window_strides") ?? ones
    let padding =
      operation.attributes["padding"] == nil
      ? Array(repeating: [0, 0], count: rank) : try integerPairs("padding")
    guard window.count == rank, strides.count == rank, padding.count == rank,
      (window + strides).allSatisfy({ $0 >= 1 }), padding.allSatisfy({ $0.allSatisfy { $0 >= 0 } })
    else { throw error("window attributes do not match rank \(rank)") }
    guard window.reduce(1, *) <= Self.windowElementLimit else {
      throw error("windows of more than \(Self.windowElementLimit) elements are not supported")
    }
    guard source.dtype == x.dtype, initial.type == TensorType([], x.dtype) else {
      throw error("source and initial value must have the operand's element type")
    }
    var padded = x
    if padding.contains(where: { $0 != [0, 0] }) {
      let identity = try emit(
        .constant(.splat(picksMaximum ? -.infinity : .infinity)), [],
        type: TensorType([], x.dtype), suffix: "identity")
      padded = try emit(
        .pad(PadAttributes(low: padding.map { $0[0] }, high: padding.map { $0[1] })),
        [x, identity], suffix: "pad")
    }
    let slices = try windowSlices(of: padded, window: window, strides: strides, dilations: ones)
    guard let first = slices.first, first.value.shape == source.shape else {
      throw error("the source's shape does not match the windows")
    }
    var extreme = first.value
    for slice in slices.dropFirst() {
      extreme = try emit(
        .binary(picksMaximum ? .maximum : .minimum), [extreme, slice.value], suffix: "extreme")
    }
    let zeros = try emit(.constant(.splat(0)), [], type: source.type, suffix: "zeros")
    let zero = try emit(.constant(.splat(0)), [], type: TensorType([], x.dtype), suffix: "zero")
    var taken: Value?
    var total: Value?
    for slice in slices {
      let hit = try emit(.compare(.eq), [slice.value, extreme], suffix: "hit")
      var chosen = hit
      if let earlier = taken {
        let free = try emit(
          .compare(.eq),
          [earlier, emit(.constant(.splat(0)), [], type: earlier.type, suffix: "no")],
          suffix: "free")
        chosen = try emit(.binary(.and), [hit, free], suffix: "chosen")
        taken = try emit(.binary(.or), [earlier, hit], suffix: "taken")
      } else {
        taken = hit
      }
      let share = try emit(.select, [chosen, source, zeros], suffix: "share")
      var high: [Int] = []
      for d in 0..<rank {
        let end: Int = slice.start[d] + (source.shape[d] - 1) * strides[d] + 1
        high.append(padded.shape[d] - end)
      }
      let placed = try emit(
        .pad(
          PadAttributes(
            low: slice.start, high: high, interior: strides.map { $0 - 1 })),
        [share, zero], suffix: "placed")
      if let sum = total {
        total = try emit(.binary(.add), [sum, placed], suffix: "sum")
      } else {
        total = placed
      }
    }
    guard var result = total else { throw error("empty window") }
    if padded.shape != x.shape {
      result = try emit(
        .slice(
          SliceAttributes(
            start: padding.map { $0[0] },
            limit: (0..<rank).map { padding[$0][0] + x.shape[$0] }, strides: ones)),
        [result], suffix: "unpad")
    }
    if let value = initial.element(0), value == 0 {
      try check(result.type)
      return Bound(node: result)
    }
    let start = try emit(
      .broadcastInDim(dimensions: []), [materialize(initial)], type: result.type, suffix: "init")
    return try emitResult(.binary(.add), [result, start])
  }

  /// Whether the select region keeps the first maximum (`compare GE` of its two arguments in
  /// order) rather than the first minimum (`LE`); other selects are rejected.
  private func selectPicksMaximum() throws(ImportError) -> Bool {
    guard try combiner(region: 0) == "stablehlo.compare",
      let block = operation.regions.first, let compare = block.operations.first,
      compare.operands.map(\.name) == block.arguments.map(\.name),
      case .enumeration(_, let direction) = compare.attributes["comparison_direction"]
    else {
      throw error("only a select region comparing its arguments in order is supported")
    }
    switch direction {
    case "GE": return true
    case "LE": return false
    default: throw error("a select by \(direction) is not supported (only GE and LE)")
    }
  }
}
