import ShardlineIR

/// Matrix products and convolutions.
extension OpConversion {
  /// `stablehlo.dot_general`; `precision_config` and `algorithm` are dropped.
  ///
  /// The IR's `dot_general` computes in its operands' element type. When the text asks for
  /// another result type (bf16 operands with `preferred_element_type=f32`), both operands are
  /// converted to the result type first: that keeps the f32 accumulation's values, at the price
  /// of counting the product's operand traffic at f32 in the cost model.
  func convertDotGeneral() throws(ImportError) -> Bound {
    try expectOperands(2)
    let fields = try structured("dot_dimension_numbers", kind: "dot")
    let numbers = DotDimensionNumbers(
      lhsBatch: try integers("lhs_batching_dimensions", in: fields),
      rhsBatch: try integers("rhs_batching_dimensions", in: fields),
      lhsContracting: try integers("lhs_contracting_dimensions", in: fields),
      rhsContracting: try integers("rhs_contracting_dimensions", in: fields))
    let dtype = try resultType().dtype
    var operands: [Value] = []
    for (index, side) in ["lhs", "rhs"].enumerated() {
      let operand = try value(index)
      operands.append(
        operand.dtype == dtype
          ? operand
          : try emit(.convert, [operand], type: operand.type.with(dtype: dtype), suffix: side))
    }
    return try emitResult(.dotGeneral(numbers), operands)
  }

  /// `stablehlo.convolution`, its layout letters (`b`, `f`, `i`, `o`, spatial digits) mapped to
  /// dimension indices. `batch_group_count ≠ 1` and window reversal are rejected.
  func convertConvolution() throws(ImportError) -> Bound {
    try expectOperands(2)
    guard
      case .convolutionLayout(let input, let kernel, let output) = try attribute(
        "dimension_numbers")
    else { throw error("attribute 'dimension_numbers' is not a convolution layout") }
    guard try integer("batch_group_count", default: 1) == 1 else {
      throw error("batch_group_count ≠ 1 is not supported")
    }
    if let reversal = operation.attributes["window_reversal"],
      let flags = Self.integerList(reversal), flags.contains(where: { $0 != 0 })
    {
      throw error("window reversal is not supported")
    }
    let spatial = input.count - 2
    let ones = Array(repeating: 1, count: max(spatial, 0))
    let padding =
      operation.attributes["padding"] == nil
      ? Array(repeating: [0, 0], count: max(spatial, 0)) : try integerPairs("padding")
    let attributes = ConvolutionAttributes(
      inputBatchDimension: try position("b", in: input),
      inputFeatureDimension: try position("f", in: input),
      inputSpatialDimensions: try spatialPositions(spatial, in: input),
      kernelInputFeatureDimension: try position("i", in: kernel),
      kernelOutputFeatureDimension: try position("o", in: kernel),
      kernelSpatialDimensions: try spatialPositions(spatial, in: kernel),
      outputBatchDimension: try position("b", in: output),
      outputFeatureDimension: try position("f", in: output),
      outputSpatialDimensions: try spatialPositions(spatial, in: output),
      windowStrides: try optionalIntegers("window_strides") ?? ones, padding: padding,
      lhsDilation: try optionalIntegers("lhs_dilation") ?? ones,
      rhsDilation: try optionalIntegers("rhs_dilation") ?? ones,
      featureGroupCount: try integer("feature_group_count", default: 1))
    return try emitResult(.convolution(attributes), [value(0), value(1)])
  }

  /// Where layout letter `letter` stands.
  private func position(_ letter: String, in layout: [String]) throws(ImportError) -> Int {
    guard let index = layout.firstIndex(of: letter) else {
      throw error("convolution layout \(layout) has no '\(letter)' dimension")
    }
    return index
  }

  /// Where spatial dimensions `0`, `1`, … stand.
  private func spatialPositions(_ count: Int, in layout: [String]) throws(ImportError) -> [Int] {
    guard count >= 0, layout.count == count + 2 else {
      throw error("convolution layouts have different ranks")
    }
    var positions: [Int] = []
    for index in 0..<count { positions.append(try position(String(index), in: layout)) }
    return positions
  }
}
