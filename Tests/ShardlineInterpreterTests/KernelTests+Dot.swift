import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("dot_general kernel")
struct DotKernelTests {
  typealias K = KernelTests

  /// Every index of `shape`, row-major.
  static func indices(_ shape: [Int]) -> [[Int]] {
    shape.reduce([[]]) { prefixes, size in prefixes.flatMap { p in (0..<size).map { p + [$0] } } }
  }

  /// dot_general by definition: for each result index, a sum over all contracting indices.
  static func naive(_ l: HostTensor, _ r: HostTensor, _ d: DotDimensionNumbers) -> [Float] {
    let (lf, rf) = (d.lhsFree(rank: l.rank), d.rhsFree(rank: r.rank))
    let resultShape =
      d.lhsBatch.map { l.shape[$0] } + lf.map { l.shape[$0] } + rf.map { r.shape[$0] }
    return indices(resultShape).map { out in
      var total = 0.0
      for c in indices(d.lhsContracting.map { l.shape[$0] }) {
        var (li, ri) = ([Int](repeating: 0, count: l.rank), [Int](repeating: 0, count: r.rank))
        for (j, (a, b)) in zip(d.lhsBatch, d.rhsBatch).enumerated() {
          (li[a], ri[b]) = (out[j], out[j])
        }
        for (j, a) in lf.enumerated() { li[a] = out[d.lhsBatch.count + j] }
        for (j, b) in rf.enumerated() { ri[b] = out[d.lhsBatch.count + lf.count + j] }
        for (j, (a, b)) in zip(d.lhsContracting, d.rhsContracting).enumerated() {
          (li[a], ri[b]) = (c[j], c[j])
        }
        total += Double(l[index: li]) * Double(r[index: ri])
      }
      return Float(total)
    }
  }

  func dot(_ l: HostTensor, _ r: HostTensor, _ d: DotDimensionNumbers) throws -> HostTensor {
    try K.evaluate([l, r]) { g, v throws(IRError) in try g.dotGeneral(v[0], v[1], d) }
  }

  @Test("a plain matrix product matches hand arithmetic")
  func matmul() throws {
    // [[1 2 3] [4 5 6]] · [[1 2] [3 4] [5 6]]:
    // row 0: 1+6+15 = 22, 2+8+18 = 28; row 1: 4+15+30 = 49, 8+20+36 = 64.
    let y = try dot(
      K.counting([2, 3]), K.counting([3, 2]),
      DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0]))
    #expect(y.shape == [2, 2] && y.storage == [22, 28, 49, 64])
  }

  @Test("transposed operands are read in place and agree with the definition")
  func transposedOperands() throws {
    // lhs stored [K, M], rhs stored [N, K]: both use the transpose flags, no copies.
    let l = K.random([5, 3], seed: 1)
    let r = K.random([4, 5], seed: 2)
    let d = DotDimensionNumbers(lhsContracting: [0], rhsContracting: [1])
    let y = try dot(l, r, d)
    #expect(y.shape == [3, 4])
    #expect(K.isClose(y.storage, Self.naive(l, r, d)))
  }

  @Test("batch dimensions anywhere and non-standard contracting dimensions")
  func batchAndContracting() throws {
    // lhs [K=3, B=2, M=4], rhs [B=2, N=5, K=3] → [2, 4, 5].
    let l = K.random([3, 2, 4], seed: 3)
    let r = K.random([2, 5, 3], seed: 4)
    let d = DotDimensionNumbers(
      lhsBatch: [1], rhsBatch: [0], lhsContracting: [0], rhsContracting: [2])
    let y = try dot(l, r, d)
    #expect(y.shape == [2, 4, 5])
    #expect(K.isClose(y.storage, Self.naive(l, r, d)))
  }

  @Test("several contracting dimensions listed out of order, and several batch dimensions")
  func multipleDimensions() throws {
    // lhs [B0=2, M=3, K1=4, B1=2, K0=5]; rhs [K0=5, B1=2, B0=2, K1=4, N=3].
    let l = K.random([2, 3, 4, 2, 5], seed: 5)
    let r = K.random([5, 2, 2, 4, 3], seed: 6)
    let d = DotDimensionNumbers(
      lhsBatch: [0, 3], rhsBatch: [2, 1], lhsContracting: [4, 2], rhsContracting: [0, 3])
    let y = try dot(l, r, d)
    #expect(y.shape == [2, 2, 3, 3])
    #expect(K.isClose(y.storage, Self.naive(l, r, d)))
  }

  @Test("vectors, outer products and size-1 dimensions")
  func smallShapes() throws {
    // Inner product [1 2 3]·[4 5 6] = 4 + 10 + 18 = 32.
    let inner = try dot(
      K.counting([3]), K.counting([3], from: 4),
      DotDimensionNumbers(lhsContracting: [0], rhsContracting: [0]))
    #expect(inner.shape == [] && inner.storage == [32])
    // Outer product [1 2]ᵀ[3 4 5] = [[3 4 5] [6 8 10]].
    let outer = try dot(
      K.counting([2]), K.counting([3], from: 3),
      DotDimensionNumbers(lhsContracting: [], rhsContracting: []))
    #expect(outer.storage == [3, 4, 5, 6, 8, 10])
    let l = K.random([1, 4, 1], seed: 7)
    let r = K.random([4, 1, 3], seed: 8)
    let d = DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0])
    #expect(K.isClose(try dot(l, r, d).storage, Self.naive(l, r, d)))
  }

  @Test("an empty contraction gives zeros")
  func emptyContraction() throws {
    let y = try dot(
      HostTensor.zeros(shape: [2, 0]), HostTensor.zeros(shape: [0, 3]),
      DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0]))
    #expect(y.shape == [2, 3] && y.storage == Array(repeating: 0, count: 6))
  }
}
