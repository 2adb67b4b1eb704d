import ShardlineIR

/// Indexed reads and writes: gather and scatter-add.
extension OpConversion {
  /// `stablehlo.gather` without operand batching dimensions.
  func convertGather() throws(ImportError) -> Bound {
    try expectOperands(2)
    let fields = try structured("dimension_numbers", kind: "gather")
    try requireNoBatching(["operand_batching_dims", "start_indices_batching_dims"], in: fields)
    let numbers = GatherDimensionNumbers(
      offsetDims: try integers("offset_dims", in: fields),
      collapsedSliceDims: try integers("collapsed_slice_dims", in: fields),
      startIndexMap: try integers("start_index_map", in: fields),
      indexVectorDim: try integer("index_vector_dim", in: fields),
      sliceSizes: try integers("slice_sizes"))
    return try emitResult(.gather(numbers), [value(0), value(1)])
  }

  /// `stablehlo.scatter` whose region adds, as `scatter_add`; other combiners are rejected.
  func convertScatter() throws(ImportError) -> Bound {
    guard operation.operands.count == 3 else {
      throw error("only scatters of one operand are supported")
    }
    let combiner = try combiner()
    guard combiner == "stablehlo.add" else {
      throw error("scatter with a \(combiner) combiner is not supported")
    }
    let fields = try structured("scatter_dimension_numbers", kind: "scatter")
    try requireNoBatching(["input_batching_dims", "scatter_indices_batching_dims"], in: fields)
    let numbers = ScatterDimensionNumbers(
      updateWindowDims: try integers("update_window_dims", in: fields),
      insertedWindowDims: try integers("inserted_window_dims", in: fields),
      scatterDimsToOperandDims: try integers("scatter_dims_to_operand_dims", in: fields),
      indexVectorDim: try integer("index_vector_dim", in: fields))
    return try emitResult(.scatterAdd(numbers), values())
  }

  private func requireNoBatching(_ names: [String], in fields: [NamedAttribute])
    throws(ImportError)
  {
    for name in names where !(try integers(name, in: fields)).isEmpty {
      throw error("'\(name)' is not supported")
    }
  }
}
