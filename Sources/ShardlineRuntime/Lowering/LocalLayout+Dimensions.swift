import ShardlineIR
import ShardlineSharding

/// Per-op checks of how dimensions are split, and the local op with localized attributes.
extension LocalLayout {
  /// Throws unless every dimension the op relates is split alike on both sides.
  func checkDimensions() throws(LoweringError) {
    let out = output.dims.map(\.axes)
    switch node.op {
    case .convert, .unary, .binary, .compare, .select, .concatenate:
      for position in operands.indices where operandTypes[position].rank == node.type.rank {
        try expect(position, out, "its result is \(output)")
      }
      if case .concatenate(let dimension) = node.op {
        try unsplit([dimension], operandsUpTo: operands.count, "concatenates")
      }
    case .broadcastInDim(let dimensions):
      for (dimension, target) in dimensions.enumerated()
      where operandTypes[0].shape[dimension] == node.type.shape[target]
        && axes(0, dimension) != out[target]
      {
        throw fail(
          "operand dimension \(dimension) and result dimension \(target) split differently")
      }
    case .reshape:
      try checkReshape()
    case .transpose(let permutation):
      try expect(0, inversePermuted(out, permutation), "its result is \(output)")
    case .reduce(let kind, let dimensions):
      let kept = operands[0].dims.indices.filter { !dimensions.contains($0) }
      guard kept.map({ axes(0, $0) }) == out else {
        throw fail("its kept dimensions are not split as the result \(output)")
      }
      if kind != .sum, dimensions.contains(where: { !axes(0, $0).isEmpty }) {
        throw fail("a \(kind.rawValue) reduction over a split dimension")
      }
    case .dotGeneral(let n):
      try checkDot(n)
    case .convolution(let a):
      try checkConvolution(a)
    case .gather(let n):
      try checkGather(n)
    case .scatterAdd(let n):
      try checkScatter(n)
    case .reverse, .slice, .pad, .dynamicSlice, .dynamicUpdateSlice:
      try checkWindow()
    case .parameter, .constant, .iota:
      throw fail("\(node.op.kindName) with a strategy is not lowered")
    }
  }

  /// Operand dimension `p[i]` becomes result dimension `i`, so the operand's splits are the
  /// result's put back in place.
  private func inversePermuted(_ out: [[Int]], _ permutation: [Int]) -> [[Int]] {
    var result = Array(repeating: [Int](), count: out.count)
    for (index, source) in permutation.enumerated() { result[source] = out[index] }
    return result
  }

  /// Whether the indices' index vector dimension, when it is not the implicit trailing one, is
  /// unsplit.
  private func indexVectorUnsplit(_ dimension: Int) -> Bool {
    dimension >= operandTypes[1].rank || axes(1, dimension).isEmpty
  }

  private func checkDot(_ n: DotDimensionNumbers) throws(LoweringError) {
    for (l, r) in zip(n.lhsBatch + n.lhsContracting, n.rhsBatch + n.rhsContracting)
    where axes(0, l) != axes(1, r) {
      throw fail("lhs dimension \(l) and rhs dimension \(r) are split differently")
    }
    let dims =
      n.lhsBatch.map { axes(0, $0) } + n.lhsFree(rank: operandTypes[0].rank).map { axes(0, $0) }
      + n.rhsFree(rank: operandTypes[1].rank).map { axes(1, $0) }
    guard dims == output.dims.map(\.axes) else {
      throw fail("operands \(operands) do not give the result \(output)")
    }
  }

  private func checkGather(_ n: GatherDimensionNumbers) throws(LoweringError) {
    let indexed = Set(n.startIndexMap)
    let collapsed = Set(n.collapsedSliceDims)
    if let odd = indexed.symmetricDifference(collapsed).sorted().first(where: {
      !axes(0, $0).isEmpty
    }) {
      throw fail("table dimension \(odd) is split, but not both indexed and collapsed")
    }
    let table = operandTypes[0].shape
    let batchDims = (0..<node.type.rank).filter { !n.offsetDims.contains($0) }
    let indexBatch = (0..<operandTypes[1].rank).filter { $0 != n.indexVectorDim }
    let windowDims = table.indices.filter { !n.collapsedSliceDims.contains($0) }
    let pairs =
      zip(batchDims, indexBatch).map { (output.dims[$0].axes, axes(1, $1)) }
      + zip(n.offsetDims, windowDims).map { (output.dims[$0].axes, axes(0, $1)) }
    guard pairs.allSatisfy({ $0.0 == $0.1 }), indexVectorUnsplit(n.indexVectorDim) else {
      throw fail("table \(operands[0]) and indices \(operands[1]) do not give \(output)")
    }
    if let partial = windowDims.first(where: {
      !axes(0, $0).isEmpty && n.sliceSizes[$0] != table[$0]
    }) {
      throw fail("table dimension \(partial) is split but gathered in windows")
    }
  }

  private func checkScatter(_ n: ScatterDimensionNumbers) throws(LoweringError) {
    let out = output.dims.map(\.axes)
    let indexed = Set(n.scatterDimsToOperandDims)
    let inserted = Set(n.insertedWindowDims)
    if let odd = indexed.symmetricDifference(inserted).sorted().first(where: { !out[$0].isEmpty }) {
      throw fail("result dimension \(odd) is split, but not both indexed and inserted")
    }
    try expect(0, out, "its result is \(output)")
    let updates = operandTypes[2].rank
    let scatterDims = (0..<updates).filter { !n.updateWindowDims.contains($0) }
    let indexBatch = (0..<operandTypes[1].rank).filter { $0 != n.indexVectorDim }
    let windowDims = node.type.shape.indices.filter { !n.insertedWindowDims.contains($0) }
    let pairs =
      zip(scatterDims, indexBatch).map { (axes(2, $0), axes(1, $1)) }
      + zip(n.updateWindowDims, windowDims).map { (axes(2, $0), out[$1]) }
    guard pairs.allSatisfy({ $0.0 == $0.1 }), indexVectorUnsplit(n.indexVectorDim) else {
      throw fail("updates \(operands[2]) and indices \(operands[1]) do not give \(output)")
    }
  }

  /// Reverse, slice, pad and dynamic slices: the dimensions they touch are unsplit, the others
  /// split as the result.
  private func checkWindow() throws(LoweringError) {
    let shape = operandTypes[0].shape
    let touched: [Int]
    var data = 1
    switch node.op {
    case .reverse(let dimensions): touched = dimensions
    case .slice(let a):
      touched = shape.indices.filter {
        a.start[$0] != 0 || a.limit[$0] != shape[$0] || (a.strides[$0] != 1 && shape[$0] > 1)
      }
    case .pad(let a):
      touched = shape.indices.filter {
        a.low[$0] != 0 || a.high[$0] != 0 || (a.interior[$0] != 0 && shape[$0] > 1)
      }
    case .dynamicSlice(let sizes): touched = shape.indices.filter { sizes[$0] != shape[$0] }
    default:
      touched = shape.indices.filter { operandTypes[1].shape[$0] != shape[$0] }
      data = 2
    }
    try unsplit(touched, operandsUpTo: data, "slices, pads or reverses")
    for position in 0..<data {
      try expect(position, output.dims.map(\.axes), "its result is \(output)")
    }
  }
}
