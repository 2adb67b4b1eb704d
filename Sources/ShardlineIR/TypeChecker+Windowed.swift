/// Type rules for convolution, gather and scatter, whose shapes come from windows and indices.
extension TypeChecker {
  func convolutionType(_ a: ConvolutionAttributes) throws(IRError) -> TensorType {
    try expectOperands(2)
    let (input, kernel) = (operands[0], operands[1])
    let n = a.spatialRank
    if input.dtype != kernel.dtype { throw error("operand dtypes differ: \(input) vs \(kernel)") }
    if input.rank != n + 2 || kernel.rank != n + 2 {
      throw error("input \(input) and kernel \(kernel) need rank \(n + 2)")
    }
    try checkDimensions(
      [a.inputBatchDimension, a.inputFeatureDimension] + a.inputSpatialDimensions,
      rank: n + 2, what: "input")
    try checkDimensions(
      [a.kernelInputFeatureDimension, a.kernelOutputFeatureDimension] + a.kernelSpatialDimensions,
      rank: n + 2, what: "kernel")
    try checkDimensions(
      [a.outputBatchDimension, a.outputFeatureDimension] + a.outputSpatialDimensions,
      rank: n + 2, what: "output")
    guard a.windowStrides.count == n, a.padding.count == n, a.lhsDilation.count == n,
      a.rhsDilation.count == n, a.padding.allSatisfy({ $0.count == 2 })
    else { throw error("window attributes do not match \(n) spatial dimensions") }
    if (a.windowStrides + a.lhsDilation + a.rhsDilation).contains(where: { $0 < 1 }) {
      throw error("strides and dilations must be at least 1")
    }
    let groups = a.featureGroupCount
    let inputFeatures = input.shape[a.inputFeatureDimension]
    let outputFeatures = kernel.shape[a.kernelOutputFeatureDimension]
    if groups < 1 || inputFeatures % groups != 0 || outputFeatures % groups != 0 {
      throw error("feature group count \(groups) does not divide the features")
    }
    if kernel.shape[a.kernelInputFeatureDimension] * groups != inputFeatures {
      throw error(
        "kernel input features \(kernel.shape[a.kernelInputFeatureDimension]) × \(groups) group(s) ≠ input features \(inputFeatures)"
      )
    }
    var shape = Array(repeating: 0, count: n + 2)
    shape[a.outputBatchDimension] = input.shape[a.inputBatchDimension]
    shape[a.outputFeatureDimension] = outputFeatures
    for i in 0..<n {
      let size = input.shape[a.inputSpatialDimensions[i]]
      let window = kernel.shape[a.kernelSpatialDimensions[i]]
      let dilatedInput = size == 0 ? 0 : (size - 1) * a.lhsDilation[i] + 1
      let padded = dilatedInput + a.padding[i][0] + a.padding[i][1]
      let dilatedWindow = window == 0 ? 0 : (window - 1) * a.rhsDilation[i] + 1
      if padded < dilatedWindow {
        throw error(
          "window \(dilatedWindow) larger than padded input \(padded) in spatial dimension \(i)")
      }
      shape[a.outputSpatialDimensions[i]] = (padded - dilatedWindow) / a.windowStrides[i] + 1
    }
    return input.with(shape: shape)
  }

  /// The shape of the index vectors' batch: the indices' shape without `indexVectorDim`.
  func indexBatchShape(_ indices: TensorType, indexVectorDim: Int, vectorSize: Int) throws(IRError)
    -> [Int]
  {
    if !indices.dtype.isInteger { throw error("indices must be integers, got \(indices)") }
    if indexVectorDim < 0 || indexVectorDim > indices.rank {
      throw error("index vector dimension \(indexVectorDim) out of range for \(indices)")
    }
    let size = indexVectorDim == indices.rank ? 1 : indices.shape[indexVectorDim]
    if size != vectorSize {
      throw error("index vectors have \(size) component(s), the dimension map has \(vectorSize)")
    }
    var batch = indices.shape
    if indexVectorDim < indices.rank { batch.remove(at: indexVectorDim) }
    return batch
  }

  func gatherType(_ g: GatherDimensionNumbers) throws(IRError) -> TensorType {
    try expectOperands(2)
    let (operand, indices) = (operands[0], operands[1])
    if g.sliceSizes.count != operand.rank {
      throw error("\(g.sliceSizes.count) slice sizes for \(operand)")
    }
    if zip(g.sliceSizes, operand.shape).contains(where: { $0 < 0 || $0 > $1 }) {
      throw error("slice sizes \(g.sliceSizes) do not fit \(operand)")
    }
    try checkDimensions(g.collapsedSliceDims, rank: operand.rank, what: "collapsed slice")
    try checkDimensions(g.startIndexMap, rank: operand.rank, what: "start index map")
    if g.collapsedSliceDims.contains(where: { g.sliceSizes[$0] != 1 }) {
      throw error("collapsed slice dimensions must have slice size 1")
    }
    let batch = try indexBatchShape(
      indices, indexVectorDim: g.indexVectorDim, vectorSize: g.startIndexMap.count)
    let offsets = (0..<operand.rank).filter { !g.collapsedSliceDims.contains($0) }
      .map { g.sliceSizes[$0] }
    let rank = batch.count + offsets.count
    if g.offsetDims.count != offsets.count || g.offsetDims != g.offsetDims.sorted() {
      throw error("offset dimensions \(g.offsetDims) must list \(offsets.count) increasing dims")
    }
    try checkDimensions(g.offsetDims, rank: rank, what: "offset")
    var shape: [Int] = []
    var (nextBatch, nextOffset) = (0, 0)
    for d in 0..<rank {
      if g.offsetDims.contains(d) {
        shape.append(offsets[nextOffset])
        nextOffset += 1
      } else {
        shape.append(batch[nextBatch])
        nextBatch += 1
      }
    }
    return operand.with(shape: shape)
  }

  func scatterType(_ s: ScatterDimensionNumbers) throws(IRError) -> TensorType {
    try expectOperands(3)
    let (operand, indices, updates) = (operands[0], operands[1], operands[2])
    if updates.dtype != operand.dtype { throw error("updates \(updates) do not match \(operand)") }
    try checkDimensions(s.insertedWindowDims, rank: operand.rank, what: "inserted window")
    try checkDimensions(s.scatterDimsToOperandDims, rank: operand.rank, what: "scatter")
    try checkDimensions(s.updateWindowDims, rank: updates.rank, what: "update window")
    let batch = try indexBatchShape(
      indices, indexVectorDim: s.indexVectorDim, vectorSize: s.scatterDimsToOperandDims.count)
    let windowOperandDims = (0..<operand.rank).filter { !s.insertedWindowDims.contains($0) }
    if s.updateWindowDims.count != windowOperandDims.count
      || s.updateWindowDims != s.updateWindowDims.sorted()
    {
      throw error("update window dimensions \(s.updateWindowDims) do not match \(operand)")
    }
    let scatterDims = (0..<updates.rank).filter { !s.updateWindowDims.contains($0) }
    if scatterDims.map({ updates.shape[$0] }) != batch {
      throw error("updates \(updates) do not match index batch shape \(batch)")
    }
    for (u, o) in zip(s.updateWindowDims, windowOperandDims)
    where updates.shape[u] > operand.shape[o] {
      throw error("update window dimension \(u) larger than operand dimension \(o)")
    }
    return operand
  }
}
