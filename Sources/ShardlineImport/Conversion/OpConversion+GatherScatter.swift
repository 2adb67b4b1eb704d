import ShardlineIR

/// Indexed reads and writes: gather and scatter-add.
extension OpConversion {
  /// `stablehlo.gather`. Batching dimensions (`jnp.take_along_axis`) become explicit indices
  /// (see ``explicitBatchIndices(_:batching:indexVectorDimension:)``).
  func convertGather() throws(ImportError) -> Bound {
    try expectOperands(2)
    let fields = try structured("dimension_numbers", kind: "gather")
    let operandBatching = try integers("operand_batching_dims", in: fields)
    let (indices, indexVectorDim) = try explicitBatchIndices(
      value(1), batching: integers("start_indices_batching_dims", in: fields),
      indexVectorDimension: integer("index_vector_dim", in: fields, default: 0))
    let numbers = GatherDimensionNumbers(
      offsetDims: try integers("offset_dims", in: fields),
      collapsedSliceDims: (try integers("collapsed_slice_dims", in: fields) + operandBatching)
        .sorted(),
      startIndexMap: operandBatching + (try integers("start_index_map", in: fields)),
      indexVectorDim: indexVectorDim,
      sliceSizes: try integers("slice_sizes"))
    return try emitResult(.gather(numbers), [value(0), indices])
  }

  /// `stablehlo.scatter` whose region adds, as `scatter_add`; other combiners are rejected.
  /// Batching dimensions become explicit indices, as for gather.
  func convertScatter() throws(ImportError) -> Bound {
    guard operation.operands.count == 3 else {
      throw error("only scatters of one operand are supported")
    }
    let combiner = try combiner()
    guard combiner == "stablehlo.add" else {
      throw error("scatter with a \(combiner) combiner is not supported")
    }
    let fields = try structured("scatter_dimension_numbers", kind: "scatter")
    let inputBatching = try integers("input_batching_dims", in: fields)
    let (indices, indexVectorDim) = try explicitBatchIndices(
      value(1), batching: integers("scatter_indices_batching_dims", in: fields),
      indexVectorDimension: integer("index_vector_dim", in: fields, default: 0))
    let numbers = ScatterDimensionNumbers(
      updateWindowDims: try integers("update_window_dims", in: fields),
      insertedWindowDims: (try integers("inserted_window_dims", in: fields) + inputBatching)
        .sorted(),
      scatterDimsToOperandDims: inputBatching
        + (try integers("scatter_dims_to_operand_dims", in: fields)),
      indexVectorDim: indexVectorDim)
    return try emitResult(.scatterAdd(numbers), [value(0), indices, value(2)])
  }

  /// Index vectors that name the batch position explicitly, so that a gather or scatter with
  /// batching dimensions becomes one without, as XLA's batched gather/scatter expanders do:
  /// for each batching dimension of the indices, an `iota` along it is put in front of every
  /// index vector, and the operand's batching dimensions join the addressed, collapsed ones.
  ///
  /// - Returns: The indices (unchanged without batching dimensions) and their index-vector
  ///   dimension (a scalar-index tensor gains a trailing one of size 1).
  private func explicitBatchIndices(
    _ indices: Value, batching: [Int], indexVectorDimension: Int
  ) throws(ImportError) -> (Value, Int) {
    guard !batching.isEmpty else { return (indices, indexVectorDimension) }
    var vectors = indices
    let rank = indices.type.rank
    guard (0...rank).contains(indexVectorDimension),
      batching.allSatisfy({ (0..<rank).contains($0) && $0 != indexVectorDimension })
    else {
      throw error("batching dimensions \(batching) do not fit indices of rank \(rank)")
    }
    if indexVectorDimension == rank {
      vectors = try emit(
        .reshape, [indices], type: indices.type.with(shape: indices.type.shape + [1]),
        suffix: "index_vectors")
    }
    var positionShape = vectors.type.shape
    positionShape[indexVectorDimension] = 1
    let positionType = vectors.type.with(shape: positionShape)
    var parts: [Value] = []
    for dimension in batching {
      parts.append(
        try emit(.iota(dimension: dimension), [], type: positionType, suffix: "batch_index"))
    }
    let explicit = try emit(
      .concatenate(dimension: indexVectorDimension), parts + [vectors], suffix: "batch_indices")
    return (explicit, indexVectorDimension)
  }
}
