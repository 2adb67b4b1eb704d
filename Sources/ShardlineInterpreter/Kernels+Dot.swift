import ShardlineIR

/// `dot_general` as one `sgemm` per batch element.
extension Kernels {
  /// `dot_general`: batch dimensions, then the left operand's free dimensions, then the right
  /// operand's (StableHLO order).
  ///
  /// Each operand is viewed as a row-major `[batch, rows, columns]` matrix stack: the left as
  /// `[B, M, K]`, the right as `[B, K, N]`. An operand whose dimensions already lie in that order
  /// is used in place; one whose two inner groups are swapped is used in place with a transpose
  /// flag; any other is copied into order first. The result `[B, M, N]` is the output layout.
  ///
  /// - Complexity: O(B·M·N·K) in `sgemm`, plus O(size) for each operand that must be copied.
  static func dotGeneral(_ lhs: HostTensor, _ rhs: HostTensor, _ numbers: DotDimensionNumbers)
    -> [Float]
  {
    // Contracting pairs in the left operand's order, so a left operand in natural order is used
    // in place.
    let pairs = zip(numbers.lhsContracting, numbers.rhsContracting).sorted { $0.0 < $1.0 }
    let (lhsContracting, rhsContracting) = (pairs.map(\.0), pairs.map(\.1))
    let lhsFree = numbers.lhsFree(rank: lhs.rank)
    let rhsFree = numbers.rhsFree(rank: rhs.rank)
    let size = { (x: HostTensor, dims: [Int]) in dims.reduce(1) { $0 * x.shape[$1] } }
    let batch = size(lhs, numbers.lhsBatch)
    let (m, n, k) = (size(lhs, lhsFree), size(rhs, rhsFree), size(lhs, lhsContracting))
    if batch * m * n == 0 { return [] }
    var result = [Float](repeating: 0, count: batch * m * n)
    if k == 0 { return result }
    let left = matrixStack(lhs, batch: numbers.lhsBatch, rows: lhsFree, columns: lhsContracting)
    let right = matrixStack(rhs, batch: numbers.rhsBatch, rows: rhsContracting, columns: rhsFree)
    left.storage.withUnsafeBufferPointer { a in
      right.storage.withUnsafeBufferPointer { b in
        result.withUnsafeMutableBufferPointer { c in
          for i in 0..<batch {
            BLAS.sgemm(
              m: m, n: n, k: k,
              a: BLAS.Operand(
                base: a.baseAddress! + i * m * k, transposed: left.transposed,
                leadingDimension: left.transposed ? m : k),
              b: BLAS.Operand(
                base: b.baseAddress! + i * k * n, transposed: right.transposed,
                leadingDimension: right.transposed ? k : n),
              c: c.baseAddress! + i * m * n, ldc: n)
          }
        }
      }
    }
    return result
  }

  /// `x` as a row-major stack of `[rows, columns]` matrices, or of their transposes.
  private static func matrixStack(_ x: HostTensor, batch: [Int], rows: [Int], columns: [Int])
    -> (storage: [Float], transposed: Bool)
  {
    if isInOrder(batch + rows + columns, shape: x.shape) { return (x.storage, false) }
    if isInOrder(batch + columns + rows, shape: x.shape) { return (x.storage, true) }
    return (transpose(x, batch + rows + columns), false)
  }

  /// Whether reading `x` with dimensions in `order` is reading its storage in order: the
  /// dimensions of size greater than 1 appear in increasing order.
  static func isInOrder(_ order: [Int], shape: [Int]) -> Bool {
    let significant = order.filter { shape[$0] != 1 }
    return zip(significant, significant.dropFirst()).allSatisfy { $0 < $1 }
  }
}
