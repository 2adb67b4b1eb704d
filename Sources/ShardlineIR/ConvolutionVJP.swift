/// The VJP of a convolution, as two more convolutions (the transposition rules of JAX's
/// `conv_general_dilated`). Grouped convolutions are differentiated group by group.
struct ConvolutionVJP {
  let builder: GraphBuilder
  let attributes: ConvolutionAttributes
  let input: Value
  let kernel: Value
  let cotangent: Value

  func cotangent(forOperand position: Int) throws(IRError) -> Value {
    let a = attributes
    let groups = a.featureGroupCount
    guard groups > 1 else {
      return position == 0
        ? try inputCotangent(a, input, kernel, cotangent)
        : try kernelCotangent(a, input, kernel, cotangent)
    }
    var ungrouped = a
    ungrouped.featureGroupCount = 1
    var parts: [Value] = []
    for group in 0..<groups {
      let x = try part(input, dimension: a.inputFeatureDimension, group, of: groups)
      let w = try part(kernel, dimension: a.kernelOutputFeatureDimension, group, of: groups)
      let g = try part(cotangent, dimension: a.outputFeatureDimension, group, of: groups)
      parts.append(
        position == 0
          ? try inputCotangent(ungrouped, x, w, g) : try kernelCotangent(ungrouped, x, w, g))
    }
    let dimension = position == 0 ? a.inputFeatureDimension : a.kernelOutputFeatureDimension
    return try builder.concatenate(parts, dimension: dimension)
  }

  private func part(_ v: Value, dimension: Int, _ group: Int, of groups: Int) throws(IRError)
    -> Value
  {
    let size = v.shape[dimension] / groups
    var start = Array(repeating: 0, count: v.rank)
    var limit = v.shape
    start[dimension] = group * size
    limit[dimension] = (group + 1) * size
    return try builder.slice(v, start: start, limit: limit)
  }

  private static func dilated(_ size: Int, _ dilation: Int) -> Int {
    size == 0 ? 0 : 1 + dilation * (size - 1)
  }

  /// d input: convolve the cotangent with the spatially reversed kernel whose feature roles are
  /// swapped; strides and input dilation trade places.
  private func inputCotangent(
    _ a: ConvolutionAttributes, _ x: Value, _ w: Value, _ g: Value
  ) throws(IRError) -> Value {
    var padding: [[Int]] = []
    for i in 0..<a.spatialRank {
      let inputSize = Self.dilated(x.shape[a.inputSpatialDimensions[i]], a.lhsDilation[i])
      let window = Self.dilated(w.shape[a.kernelSpatialDimensions[i]], a.rhsDilation[i])
      let output = Self.dilated(g.shape[a.outputSpatialDimensions[i]], a.windowStrides[i])
      let before = window - a.padding[i][0] - 1
      let after = inputSize + window - 1 - output - before
      padding.append([before, after])
    }
    let transposed = ConvolutionAttributes(
      inputBatchDimension: a.outputBatchDimension, inputFeatureDimension: a.outputFeatureDimension,
      inputSpatialDimensions: a.outputSpatialDimensions,
      kernelInputFeatureDimension: a.kernelOutputFeatureDimension,
      kernelOutputFeatureDimension: a.kernelInputFeatureDimension,
      kernelSpatialDimensions: a.kernelSpatialDimensions,
      outputBatchDimension: a.inputBatchDimension, outputFeatureDimension: a.inputFeatureDimension,
      outputSpatialDimensions: a.inputSpatialDimensions,
      windowStrides: a.lhsDilation, padding: padding, lhsDilation: a.windowStrides,
      rhsDilation: a.rhsDilation)
    let reversed = try builder.reverse(w, a.kernelSpatialDimensions)
    return try builder.convolution(g, reversed, transposed)
  }

  /// d kernel: convolve the input (batch and features swapped) with the cotangent as kernel;
  /// strides and kernel dilation trade places.
  private func kernelCotangent(
    _ a: ConvolutionAttributes, _ x: Value, _ w: Value, _ g: Value
  ) throws(IRError) -> Value {
    var padding: [[Int]] = []
    for i in 0..<a.spatialRank {
      let inputSize = Self.dilated(x.shape[a.inputSpatialDimensions[i]], a.lhsDilation[i])
      let window = Self.dilated(w.shape[a.kernelSpatialDimensions[i]], a.rhsDilation[i])
      let output = Self.dilated(g.shape[a.outputSpatialDimensions[i]], a.windowStrides[i])
      let low = a.padding[i][0]
      padding.append([low, (output - inputSize) + (window - low - 1)])
    }
    let transposed = ConvolutionAttributes(
      inputBatchDimension: a.inputFeatureDimension, inputFeatureDimension: a.inputBatchDimension,
      inputSpatialDimensions: a.inputSpatialDimensions,
      kernelInputFeatureDimension: a.outputBatchDimension,
      kernelOutputFeatureDimension: a.outputFeatureDimension,
      kernelSpatialDimensions: a.outputSpatialDimensions,
      outputBatchDimension: a.kernelInputFeatureDimension,
      outputFeatureDimension: a.kernelOutputFeatureDimension,
      outputSpatialDimensions: a.kernelSpatialDimensions,
      windowStrides: a.rhsDilation, padding: padding, lhsDilation: a.lhsDilation,
      rhsDilation: a.windowStrides)
    let result = try builder.convolution(x, g, transposed)
    // With strides that skip trailing input, the transposed convolution can overshoot the
    // kernel's extent; keep exactly the kernel's shape.
    if result.shape == w.shape { return result }
    return try builder.slice(result, start: Array(repeating: 0, count: w.rank), limit: w.shape)
  }
}
