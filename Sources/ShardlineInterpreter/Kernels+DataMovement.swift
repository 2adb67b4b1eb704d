import ShardlineIR

/// Kernels that move elements without arithmetic: broadcast, transpose, reverse, slice,
/// concatenate and pad. All but concatenate are one strided ``LoopNest`` copy.
extension Kernels {
  /// The box of `shape` read from `x` at `base` with element `strides`, as a contiguous array.
  static func strided(_ x: HostTensor, shape: [Int], base: Int = 0, strides: [Int]) -> [Float] {
    let count = shape.reduce(1, *)
    let nest = LoopNest(
      shape: shape, stridesA: strides, stridesB: HostTensor.strides(of: shape))
    return [Float](unsafeUninitializedCapacity: count) { out, initialized in
      x.storage.withUnsafeBufferPointer { source in
        if count > 0 { nest.copy(from: source.baseAddress!, baseA: base, to: out.baseAddress!) }
      }
      initialized = count
    }
  }

  /// `broadcast_in_dim`: operand dimension `i` becomes result dimension `dimensions[i]`; size-1
  /// operand dimensions and new dimensions repeat (stride 0).
  static func broadcast(_ x: HostTensor, to shape: [Int], dimensions: [Int]) -> [Float] {
    var strides = Array(repeating: 0, count: shape.count)
    for (i, stride) in x.strides.enumerated() where x.shape[i] != 1 {
      strides[dimensions[i]] = stride
    }
    return strided(x, shape: shape, strides: strides)
  }

  /// `transpose`: result dimension `i` is operand dimension `permutation[i]`.
  static func transpose(_ x: HostTensor, _ permutation: [Int]) -> [Float] {
    let strides = x.strides
    return strided(
      x, shape: permutation.map { x.shape[$0] }, strides: permutation.map { strides[$0] })
  }

  /// `reverse` along `dimensions` (negative strides from the last element).
  static func reverse(_ x: HostTensor, _ dimensions: [Int]) -> [Float] {
    var strides = x.strides
    var base = 0
    for d in dimensions where x.shape[d] > 0 {
      base += (x.shape[d] - 1) * strides[d]
      strides[d] = -strides[d]
    }
    return strided(x, shape: x.shape, base: base, strides: strides)
  }

  /// A static strided `slice` giving `shape`.
  static func slice(_ x: HostTensor, _ a: SliceAttributes, shape: [Int]) -> [Float] {
    let strides = x.strides
    let base = zip(a.start, strides).reduce(0) { $0 + $1.0 * $1.1 }
    return strided(x, shape: shape, base: base, strides: zip(strides, a.strides).map { $0 * $1 })
  }

  /// `concatenate` along `dimension`: each outer index takes one contiguous block per operand.
  static func concatenate(_ operands: [HostTensor], dimension: Int) -> [Float] {
    let outer = operands[0].shape[..<dimension].reduce(1, *)
    let blocks = operands.map { $0.shape[dimension...].reduce(1, *) }
    let total = blocks.reduce(0, +) * outer
    var result = [Float]()
    result.reserveCapacity(total)
    for o in 0..<outer {
      for (operand, block) in zip(operands, blocks) {
        result.append(contentsOf: operand.storage[(o * block)..<((o + 1) * block)])
      }
    }
    return result
  }

  /// `pad` with `value` to `shape`: operand index `i` lands at `low + i·(interior + 1)`;
  /// negative `low`/`high` crop, so only operand indices landing inside the result are copied.
  static func pad(_ x: HostTensor, _ value: Float, _ a: PadAttributes, shape: [Int]) -> [Float] {
    var result = [Float](repeating: value, count: shape.reduce(1, *))
    let sourceStrides = x.strides
    let resultStrides = HostTensor.strides(of: shape)
    var box: [Int] = []
    var (sourceBase, resultBase) = (0, 0)
    for d in 0..<x.rank {
      let step = a.interior[d] + 1
      let first = a.low[d] >= 0 ? 0 : (-a.low[d] + step - 1) / step
      let lastPosition = shape[d] - 1 - a.low[d]
      let end = lastPosition < 0 ? 0 : min(x.shape[d], lastPosition / step + 1)
      if end <= first { return result }
      box.append(end - first)
      sourceBase += first * sourceStrides[d]
      resultBase += (a.low[d] + first * step) * resultStrides[d]
    }
    let nest = LoopNest(
      shape: box, stridesA: sourceStrides,
      stridesB: zip(resultStrides, a.interior).map { $0 * ($1 + 1) })
    x.storage.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { out in
        nest.copy(
          from: source.baseAddress!, baseA: sourceBase, to: out.baseAddress!, baseB: resultBase)
      }
    }
    return result
  }
}
