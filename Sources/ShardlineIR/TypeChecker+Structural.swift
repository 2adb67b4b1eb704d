/// Type rules for ops that rearrange data: transpose, reverse, slice, concatenate, pad, reduce,
/// dynamic slices, gather and scatter.
extension TypeChecker {
  func deriveStructural() throws(IRError) -> TensorType {
    switch op {
    case .transpose(let permutation):
      try expectOperands(1)
      let operand = operands[0]
      if permutation.count != operand.rank || Set(permutation) != Set(0..<operand.rank) {
        throw error("\(permutation) is not a permutation of \(operand.rank) dimensions")
      }
      return operand.with(shape: permutation.map { operand.shape[$0] })
    case .reverse(let dimensions):
      try expectOperands(1)
      try checkDimensions(dimensions, rank: operands[0].rank, what: "reverse")
      return operands[0]
    case .slice(let attributes):
      return try sliceType(attributes)
    case .concatenate(let dimension):
      return try concatenateType(dimension)
    case .pad(let attributes):
      return try padType(attributes)
    case .reduce(_, let dimensions):
      try expectOperands(1)
      try checkDimensions(dimensions, rank: operands[0].rank, what: "reduce")
      let kept = (0..<operands[0].rank).filter { !dimensions.contains($0) }
      return operands[0].with(shape: kept.map { operands[0].shape[$0] })
    case .dotGeneral(let numbers):
      return try dotType(numbers)
    case .convolution(let attributes):
      return try convolutionType(attributes)
    case .gather(let numbers):
      return try gatherType(numbers)
    case .scatterAdd(let numbers):
      return try scatterType(numbers)
    case .dynamicSlice(let sizes):
      return try dynamicSliceType(sizes)
    case .dynamicUpdateSlice:
      return try dynamicUpdateSliceType()
    default:
      preconditionFailure("\(op.kindName) is not a structural op")
    }
  }

  private func sliceType(_ a: SliceAttributes) throws(IRError) -> TensorType {
    try expectOperands(1)
    let operand = operands[0]
    guard a.start.count == operand.rank, a.limit.count == operand.rank,
      a.strides.count == operand.rank
    else { throw error("slice attributes do not match rank \(operand.rank)") }
    var shape: [Int] = []
    for d in 0..<operand.rank {
      let (start, limit, stride) = (a.start[d], a.limit[d], a.strides[d])
      if start < 0 || limit > operand.shape[d] || start > limit || stride < 1 {
        throw error(
          "slice [\(start):\(limit):\(stride)] out of range for dimension \(d) of \(operand)")
      }
      shape.append((limit - start + stride - 1) / stride)
    }
    return operand.with(shape: shape)
  }

  private func concatenateType(_ dimension: Int) throws(IRError) -> TensorType {
    guard let first = operands.first else { throw error("needs at least one operand") }
    if dimension < 0 || dimension >= first.rank {
      throw error("dimension \(dimension) out of range for \(first)")
    }
    var size = 0
    for operand in operands {
      var a = operand.shape
      var b = first.shape
      a[dimension] = 0
      b[dimension] = 0
      if a != b || operand.dtype != first.dtype {
        throw error("operand \(operand) does not match \(first) outside dimension \(dimension)")
      }
      size += operand.shape[dimension]
    }
    var shape = first.shape
    shape[dimension] = size
    return first.with(shape: shape)
  }

  private func padType(_ a: PadAttributes) throws(IRError) -> TensorType {
    try expectOperands(2)
    let operand = operands[0]
    if operands[1] != TensorType([], operand.dtype) {
      throw error("padding value must be a scalar \(operand.dtype.rawValue), got \(operands[1])")
    }
    guard a.low.count == operand.rank, a.high.count == operand.rank,
      a.interior.count == operand.rank
    else { throw error("pad attributes do not match rank \(operand.rank)") }
    var shape: [Int] = []
    for d in 0..<operand.rank {
      let n = operand.shape[d]
      if a.interior[d] < 0 { throw error("negative interior padding") }
      let size = a.low[d] + a.high[d] + n + max(n - 1, 0) * a.interior[d]
      if size < 0 { throw error("padding leaves dimension \(d) with negative size") }
      shape.append(size)
    }
    return operand.with(shape: shape)
  }

  private func dotType(_ n: DotDimensionNumbers) throws(IRError) -> TensorType {
    try expectOperands(2)
    let (lhs, rhs) = (operands[0], operands[1])
    if lhs.dtype != rhs.dtype { throw error("operand dtypes differ: \(lhs) vs \(rhs)") }
    try checkDimensions(n.lhsBatch + n.lhsContracting, rank: lhs.rank, what: "lhs")
    try checkDimensions(n.rhsBatch + n.rhsContracting, rank: rhs.rank, what: "rhs")
    if n.lhsBatch.count != n.rhsBatch.count || n.lhsContracting.count != n.rhsContracting.count {
      throw error("unpaired batch or contracting dimensions")
    }
    for (l, r) in zip(n.lhsBatch, n.rhsBatch) where lhs.shape[l] != rhs.shape[r] {
      throw error("batch sizes differ: \(lhs) dimension \(l) vs \(rhs) dimension \(r)")
    }
    for (l, r) in zip(n.lhsContracting, n.rhsContracting) where lhs.shape[l] != rhs.shape[r] {
      throw error("contracting sizes differ: \(lhs) dimension \(l) vs \(rhs) dimension \(r)")
    }
    let shape =
      n.lhsBatch.map { lhs.shape[$0] } + n.lhsFree(rank: lhs.rank).map { lhs.shape[$0] }
      + n.rhsFree(rank: rhs.rank).map { rhs.shape[$0] }
    return lhs.with(shape: shape)
  }

  private func dynamicSliceType(_ sizes: [Int]) throws(IRError) -> TensorType {
    guard let operand = operands.first else { throw error("needs an operand") }
    try expectOperands(1 + operand.rank)
    try checkScalarIndices(operands.dropFirst())
    if sizes.count != operand.rank
      || zip(sizes, operand.shape).contains(where: { $0 < 0 || $0 > $1 })
    {
      throw error("slice sizes \(sizes) do not fit \(operand)")
    }
    return operand.with(shape: sizes)
  }

  private func dynamicUpdateSliceType() throws(IRError) -> TensorType {
    guard let operand = operands.first, operands.count >= 2 else {
      throw error("needs an operand and an update")
    }
    try expectOperands(2 + operand.rank)
    try checkScalarIndices(operands.dropFirst(2))
    let update = operands[1]
    if update.dtype != operand.dtype || update.rank != operand.rank
      || zip(update.shape, operand.shape).contains(where: { $0 > $1 })
    {
      throw error("update \(update) does not fit \(operand)")
    }
    return operand
  }

  func checkScalarIndices(_ indices: ArraySlice<TensorType>) throws(IRError) {
    for index in indices where index.rank != 0 || !index.dtype.isInteger {
      throw error("start indices must be integer scalars, got \(index)")
    }
  }
}
