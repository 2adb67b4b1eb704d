import ShardlineIR

/// Ops that move data without computing: broadcasts, reshapes, transposes, slices, padding.
extension OpConversion {
  /// `stablehlo.broadcast_in_dim`; dimensions out of order become a transpose then a broadcast.
  func convertBroadcast() throws(ImportError) -> Bound {
    try expectOperands(1)
    let operand = try bound(0)
    let type = try resultType()
    let dimensions = try integers("broadcast_dimensions")
    guard operand.type.dtype == type.dtype else { throw error("broadcast cannot change dtype") }
    let result = try folded { inputs in
      ConstantFolder.broadcast(
        inputs[0], from: operand.type.shape, to: type.shape, dimensions: dimensions)
    }
    if let result { return result }
    var source = try materialize(operand)
    let order = dimensions.indices.sorted { dimensions[$0] < dimensions[$1] }
    if order != Array(dimensions.indices) {
      source = try emit(.transpose(permutation: order), [source], suffix: "transpose")
    }
    let sorted = order.map { dimensions[$0] }
    if source.type == type && sorted == Array(type.shape.indices) { return Bound(node: source) }
    return try emitResult(.broadcastInDim(dimensions: sorted), [source], declared: true)
  }

  /// `stablehlo.reshape`.
  func convertReshape() throws(ImportError) -> Bound {
    try expectOperands(1)
    guard try bound(0).type.dtype == resultType().dtype else {
      throw error("reshape cannot change dtype")
    }
    if let result = try folded({ $0.first }) { return result }
    let operand = try value(0)
    if operand.type == (try resultType()) { return Bound(node: operand) }
    return try emitResult(.reshape, [operand], declared: true)
  }

  /// `stablehlo.transpose`.
  func convertTranspose() throws(ImportError) -> Bound {
    try expectOperands(1)
    return try emitResult(.transpose(permutation: integers("permutation")), [value(0)])
  }

  /// `stablehlo.reverse`.
  func convertReverse() throws(ImportError) -> Bound {
    try expectOperands(1)
    return try emitResult(.reverse(dimensions: integers("dimensions")), [value(0)])
  }

  /// `stablehlo.slice`.
  func convertSlice() throws(ImportError) -> Bound {
    try expectOperands(1)
    let attributes = SliceAttributes(
      start: try integers("start_indices"), limit: try integers("limit_indices"),
      strides: try optionalIntegers("strides"))
    return try emitResult(.slice(attributes), [value(0)])
  }

  /// `stablehlo.concatenate`.
  func convertConcatenate() throws(ImportError) -> Bound {
    guard !operation.operands.isEmpty else { throw error("needs at least one operand") }
    return try emitResult(.concatenate(dimension: integer("dimension")), values())
  }

  /// `stablehlo.pad`.
  func convertPad() throws(ImportError) -> Bound {
    try expectOperands(2)
    let attributes = PadAttributes(
      low: try integers("edge_padding_low"), high: try integers("edge_padding_high"),
      interior: try optionalIntegers("interior_padding"))
    return try emitResult(.pad(attributes), [value(0), value(1)])
  }

  /// `stablehlo.dynamic_slice`: a static `slice` when every start index is known (clamped into
  /// bounds as StableHLO specifies), else a `dynamic_slice` node.
  func convertDynamicSlice() throws(ImportError) -> Bound {
    guard let first = operation.operands.indices.first else { throw error("needs an operand") }
    let operand = try bound(first)
    try expectOperands(1 + operand.type.rank)
    let sizes = try integers("slice_sizes")
    guard sizes.count == operand.type.rank else {
      throw error("\(sizes.count) slice sizes for \(operand.type.mlirDescription)")
    }
    if let starts = try knownStarts(from: 1, shape: operand.type.shape, sizes: sizes) {
      let attributes = SliceAttributes(
        start: starts, limit: zip(starts, sizes).map { $0 + $1 })
      return try emitResult(.slice(attributes), [materialize(operand)])
    }
    return try emitResult(.dynamicSlice(sizes: sizes), values())
  }

  /// `stablehlo.dynamic_update_slice`, kept dynamic (its start indices emitted as constants when
  /// known).
  func convertDynamicUpdateSlice() throws(ImportError) -> Bound {
    guard let first = operation.operands.indices.first else { throw error("needs an operand") }
    try expectOperands(2 + (try bound(first)).type.rank)
    return try emitResult(.dynamicUpdateSlice, values())
  }

  /// The start indices at operands `from…`, clamped to `0…shape−size`, when all are known.
  private func knownStarts(from offset: Int, shape: [Int], sizes: [Int]) throws(ImportError)
    -> [Int]?
  {
    var starts: [Int] = []
    for (d, (size, extent)) in zip(sizes, shape).enumerated() {
      let index = try bound(offset + d)
      guard index.type.rank == 0, !index.type.dtype.isFloatingPoint,
        let value = index.element(0), abs(value) < 0x1p62
      else { return nil }
      starts.append(min(max(Int(value), 0), max(extent - size, 0)))
    }
    return starts
  }
}
