import ShardlineIR

/// Reductions over any set of dimensions.
extension Kernels {
  /// `reduce` of `x` over `dimensions` with `kind`, which removes those dimensions.
  ///
  /// Sums accumulate in `Double` (so large sums of `f32` stay accurate and integer sums exact up
  /// to 2^53 before the final rounding); `max` and `min` propagate NaN. An empty reduction gives
  /// 0 for `sum`, -∞ for `max` and +∞ for `min`.
  static func reduce(_ x: HostTensor, _ kind: ReductionKind, dimensions: [Int]) -> [Float] {
    let kept = (0..<x.rank).filter { !dimensions.contains($0) }
    let resultShape = kept.map { x.shape[$0] }
    let keptStrides = HostTensor.strides(of: resultShape)
    var resultStrides = Array(repeating: 0, count: x.rank)
    for (i, d) in kept.enumerated() { resultStrides[d] = keptStrides[i] }
    let nest = LoopNest(shape: x.shape, stridesA: x.strides, stridesB: resultStrides)
    let count = resultShape.reduce(1, *)
    switch kind {
    case .sum: return sum(x, nest: nest, count: count)
    case .max:
      return extremum(x, nest: nest, count: count, initial: -.infinity) { v, acc in
        v > acc || v.isNaN ? v : acc
      }
    case .min:
      return extremum(x, nest: nest, count: count, initial: .infinity) { v, acc in
        v < acc || v.isNaN ? v : acc
      }
    }
  }

  private static func sum(_ x: HostTensor, nest: LoopNest, count: Int) -> [Float] {
    var accumulators = [Double](repeating: 0, count: count)
    let (n, sa, sb) = (nest.rowCount, nest.rowStrideA, nest.rowStrideB)
    x.storage.withUnsafeBufferPointer { source in
      accumulators.withUnsafeMutableBufferPointer { acc in
        nest.forEachRow { a, b in
          var i = 0
          if sb == 0 {
            var total = 0.0
            while i < n {
              total += Double(source[a &+ i &* sa])
              i &+= 1
            }
            acc[b] += total
          } else {
            while i < n {
              acc[b &+ i &* sb] += Double(source[a &+ i &* sa])
              i &+= 1
            }
          }
        }
      }
    }
    return accumulators.map { Float($0) }
  }

  /// A max or min reduction; `combine(value, accumulator)` must keep a NaN accumulator.
  @inline(__always)
  private static func extremum(
    _ x: HostTensor, nest: LoopNest, count: Int, initial: Float,
    _ combine: (Float, Float) -> Float
  ) -> [Float] {
    var result = [Float](repeating: initial, count: count)
    let (n, sa, sb) = (nest.rowCount, nest.rowStrideA, nest.rowStrideB)
    x.storage.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { out in
        nest.forEachRow { a, b in
          var i = 0
          while i < n {
            out[b &+ i &* sb] = combine(source[a &+ i &* sa], out[b &+ i &* sb])
            i &+= 1
          }
        }
      }
    }
    return result
  }
}
