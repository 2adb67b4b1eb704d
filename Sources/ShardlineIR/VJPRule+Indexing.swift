/// VJPs of dot_general, gather and scatter-add.
extension VJPRule {
  /// The cotangent of a dot_general operand is a dot_general of the result cotangent with the
  /// other operand, contracting the other operand's free dimensions, then transposed into the
  /// operand's layout.
  func dotCotangent(_ n: DotDimensionNumbers, _ position: Int) throws(IRError) -> Value {
    let (lhs, rhs) = (operand(0), operand(1))
    let batchCount = n.lhsBatch.count
    let lhsFree = n.lhsFree(rank: lhs.rank)
    let rhsFree = n.rhsFree(rank: rhs.rank)
    // g's dimensions: batch, then lhs free, then rhs free.
    let gBatch = Array(0..<batchCount)
    let gLhsFree = Array(batchCount..<(batchCount + lhsFree.count))
    let gRhsFree = Array((batchCount + lhsFree.count)..<g.rank)
    let (mine, other) = position == 0 ? (lhs, rhs) : (rhs, lhs)
    let (myBatch, otherBatch) = position == 0 ? (n.lhsBatch, n.rhsBatch) : (n.rhsBatch, n.lhsBatch)
    let (myFree, otherFree) = position == 0 ? (lhsFree, rhsFree) : (rhsFree, lhsFree)
    let (myContracting, otherContracting) =
      position == 0 ? (n.lhsContracting, n.rhsContracting) : (n.rhsContracting, n.lhsContracting)
    let product = try b.dotGeneral(
      g, other,
      DotDimensionNumbers(
        lhsBatch: gBatch, rhsBatch: otherBatch,
        lhsContracting: position == 0 ? gRhsFree : gLhsFree, rhsContracting: otherFree))
    // product's dimensions: batch, my free dims, then other's contracting dims in ascending
    // order, each paired with one of my contracting dims.
    let pairedContracting = otherContracting.sorted().map {
      myContracting[otherContracting.firstIndex(of: $0)!]
    }
    let source = myBatch + myFree + pairedContracting
    var permutation = Array(repeating: 0, count: mine.rank)
    for (i, dimension) in source.enumerated() { permutation[dimension] = i }
    return try b.transpose(product, permutation)
  }

  func gatherCotangent(_ n: GatherDimensionNumbers, _ position: Int) throws(IRError) -> Value? {
    guard position == 0 else { return nil }
    let x = operand(0)
    return try b.scatterAdd(
      b.constant(0, x.type), operand(1), g,
      ScatterDimensionNumbers(
        updateWindowDims: n.offsetDims, insertedWindowDims: n.collapsedSliceDims,
        scatterDimsToOperandDims: n.startIndexMap, indexVectorDim: n.indexVectorDim))
  }

  func scatterCotangent(_ n: ScatterDimensionNumbers, _ position: Int) throws(IRError) -> Value? {
    switch position {
    case 0: return g
    case 2:
      let (x, updates) = (operand(0), operand(2))
      var windowSizes = n.updateWindowDims.map { updates.shape[$0] }.makeIterator()
      let sliceSizes = (0..<x.rank).map {
        n.insertedWindowDims.contains($0) ? 1 : windowSizes.next()!
      }
      return try b.gather(
        g, operand(1),
        GatherDimensionNumbers(
          offsetDims: n.updateWindowDims, collapsedSliceDims: n.insertedWindowDims,
          startIndexMap: n.scatterDimsToOperandDims, indexVectorDim: n.indexVectorDim,
          sliceSizes: sliceSizes))
    default: return nil
    }
  }
}
