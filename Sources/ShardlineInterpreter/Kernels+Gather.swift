import ShardlineIR

/// `gather` and `scatter_add` (StableHLO semantics without operand batching dimensions).
extension Kernels {
  /// `gather`: for each index vector of `indices`, the slice of `sliceSizes` at that start.
  ///
  /// Start indices are clamped so the whole slice lies inside the operand (StableHLO): a start
  /// of `-3` reads from 0, one past the end reads the last full slice.
  static func gather(
    _ operand: HostTensor, _ indices: HostTensor, _ g: GatherDimensionNumbers, resultShape: [Int]
  ) -> [Float] {
    var result = [Float](repeating: 0, count: resultShape.reduce(1, *))
    if result.isEmpty { return result }
    let resultStrides = HostTensor.strides(of: resultShape)
    let batchDims = (0..<resultShape.count).filter { !g.offsetDims.contains($0) }
    let batches = IndexBatches(
      indices, indexVectorDim: g.indexVectorDim,
      otherStrides: batchDims.map { resultStrides[$0] }, shape: batchDims.map { resultShape[$0] })
    let operandStrides = operand.strides
    var sliceStrides = Array(repeating: 0, count: operand.rank)
    let windowDims = (0..<operand.rank).filter { !g.collapsedSliceDims.contains($0) }
    for (j, d) in windowDims.enumerated() { sliceStrides[d] = resultStrides[g.offsetDims[j]] }
    let slice = LoopNest(shape: g.sliceSizes, stridesA: operandStrides, stridesB: sliceStrides)
    // A collapsed dimension of slice size 0 leaves nothing to copy.
    if slice.isEmpty { return result }
    operand.storage.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { out in
        batches.forEachVector { index, resultBase in
          var base = 0
          for (k, d) in g.startIndexMap.enumerated() {
            let start = clampedIndex(index(k), lower: 0, upper: operand.shape[d] - g.sliceSizes[d])
            base += start * operandStrides[d]
          }
          slice.copy(
            from: source.baseAddress!, baseA: base, to: out.baseAddress!, baseB: resultBase)
        }
      }
    }
    return result
  }

  /// `scatter` with addition: each update window is added into `operand` at its start index.
  ///
  /// A window that does not lie wholly inside the operand is skipped (StableHLO leaves it
  /// implementation-defined; XLA skips it). Windows are added in index order, so repeated
  /// indices accumulate deterministically.
  static func scatterAdd(
    _ operand: HostTensor, _ indices: HostTensor, _ updates: HostTensor,
    _ s: ScatterDimensionNumbers
  ) -> [Float] {
    var result = operand.storage
    if updates.elementCount == 0 { return result }
    let updateStrides = updates.strides
    let operandStrides = operand.strides
    let scatterDims = (0..<updates.rank).filter { !s.updateWindowDims.contains($0) }
    let batches = IndexBatches(
      indices, indexVectorDim: s.indexVectorDim,
      otherStrides: scatterDims.map { updateStrides[$0] },
      shape: scatterDims.map { updates.shape[$0] })
    let windowOperandDims = (0..<operand.rank).filter { !s.insertedWindowDims.contains($0) }
    var windowSizes = Array(repeating: 1, count: operand.rank)
    for (u, d) in zip(s.updateWindowDims, windowOperandDims) { windowSizes[d] = updates.shape[u] }
    let window = LoopNest(
      shape: s.updateWindowDims.map { updates.shape[$0] },
      stridesA: s.updateWindowDims.map { updateStrides[$0] },
      stridesB: windowOperandDims.map { operandStrides[$0] })
    updates.storage.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { out in
        batches.forEachVector { index, updateBase in
          var base = 0
          for (k, d) in s.scatterDimsToOperandDims.enumerated() {
            let start = wholeNumber(index(k))
            // Skip this window: it does not fit at its start.
            if start < 0 || start > operand.shape[d] - windowSizes[d] { return }
            base += start * operandStrides[d]
          }
          window.accumulate(
            from: source.baseAddress!, baseA: updateBase, into: out.baseAddress!, baseB: base)
        }
      }
    }
    return result
  }
}

/// The index vectors of a gather's or scatter's indices tensor, visited in order together with
/// an offset into a second tensor (the gather result or the scatter updates).
private struct IndexBatches {
  let indices: HostTensor
  /// Stride between an index vector's components (0 when each index is a scalar).
  let componentStride: Int
  let nest: LoopNest

  /// - Parameters:
  ///   - otherStrides: the second tensor's strides along the batch dimensions.
  ///   - shape: the batch shape (the indices' shape without `indexVectorDim`).
  init(_ indices: HostTensor, indexVectorDim: Int, otherStrides: [Int], shape: [Int]) {
    self.indices = indices
    let strides = indices.strides
    componentStride = indexVectorDim < indices.rank ? strides[indexVectorDim] : 0
    var batchStrides = strides
    if indexVectorDim < indices.rank { batchStrides.remove(at: indexVectorDim) }
    nest = LoopNest(shape: shape, stridesA: batchStrides, stridesB: otherStrides)
  }

  /// Calls `body(component, otherOffset)` per index vector, where `component(k)` reads the
  /// vector's k-th element.
  func forEachVector(_ body: (_ component: (Int) -> Float, _ otherOffset: Int) -> Void) {
    let (count, sa, sb) = (nest.rowCount, nest.rowStrideA, nest.rowStrideB)
    let componentStride = componentStride
    indices.storage.withUnsafeBufferPointer { values in
      nest.forEachRow { a, b in
        for i in 0..<count {
          let vector = a &+ i &* sa
          body({ values[vector &+ $0 &* componentStride] }, b &+ i &* sb)
        }
      }
    }
  }
}
