/// The dimension numbers of a StableHLO `gather` (without operand batching dimensions).
///
/// An embedding lookup of `ids: i32[b,s]` into `table: f32[v,h]` is
/// `offsetDims: [2], collapsedSliceDims: [0], startIndexMap: [0], indexVectorDim: 2,
/// sliceSizes: [1, h]`, giving `f32[b,s,h]`.
public struct GatherDimensionNumbers: Hashable, Codable, Sendable {
  /// Result dimensions that index into a gathered slice.
  public var offsetDims: [Int]
  /// Operand dimensions of slice size 1 that are dropped from the result.
  public var collapsedSliceDims: [Int]
  /// Which operand dimension each component of an index vector addresses.
  public var startIndexMap: [Int]
  /// The dimension of the indices tensor that holds the index vectors; equal to its rank when
  /// each index is a scalar.
  public var indexVectorDim: Int
  /// Size of the slice taken from the operand, per operand dimension.
  public var sliceSizes: [Int]

  /// Creates gather dimension numbers.
  public init(
    offsetDims: [Int], collapsedSliceDims: [Int], startIndexMap: [Int], indexVectorDim: Int,
    sliceSizes: [Int]
  ) {
    self.offsetDims = offsetDims
    self.collapsedSliceDims = collapsedSliceDims
    self.startIndexMap = startIndexMap
    self.indexVectorDim = indexVectorDim
    self.sliceSizes = sliceSizes
  }
}

/// The dimension numbers of a StableHLO `scatter` whose update computation is addition.
///
/// The gradient of the embedding lookup above is a scatter-add of `f32[b,s,h]` updates into
/// `f32[v,h]` zeros with `updateWindowDims: [2], insertedWindowDims: [0],
/// scatterDimsToOperandDims: [0], indexVectorDim: 2`.
public struct ScatterDimensionNumbers: Hashable, Codable, Sendable {
  /// Update dimensions that index into the window written to the operand.
  public var updateWindowDims: [Int]
  /// Operand dimensions of window size 1 that the updates do not carry.
  public var insertedWindowDims: [Int]
  /// Which operand dimension each component of an index vector addresses.
  public var scatterDimsToOperandDims: [Int]
  /// The dimension of the indices tensor that holds the index vectors.
  public var indexVectorDim: Int

  /// Creates scatter dimension numbers.
  public init(
    updateWindowDims: [Int], insertedWindowDims: [Int], scatterDimsToOperandDims: [Int],
    indexVectorDim: Int
  ) {
    self.updateWindowDims = updateWindowDims
    self.insertedWindowDims = insertedWindowDims
    self.scatterDimsToOperandDims = scatterDimsToOperandDims
    self.indexVectorDim = indexVectorDim
  }
}
