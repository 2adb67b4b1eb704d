import ShardlineIR

/// `dynamic_slice` and `dynamic_update_slice`, with StableHLO's clamped start indices.
extension Kernels {
  /// `dynamic_slice`: the box of `sizes` at `starts`, each start clamped to
  /// `0...(dimension - size)` so the box lies inside the operand.
  static func dynamicSlice(_ x: HostTensor, starts: ArraySlice<HostTensor>, sizes: [Int])
    -> [Float]
  {
    let strides = x.strides
    var base = 0
    for (d, start) in starts.enumerated() {
      base += clampedIndex(start.scalar, lower: 0, upper: x.shape[d] - sizes[d]) * strides[d]
    }
    return strided(x, shape: sizes, base: base, strides: strides)
  }

  /// `dynamic_update_slice`: `x` with `update` written at `starts`, each start clamped to
  /// `0...(dimension - update size)`.
  static func dynamicUpdateSlice(
    _ x: HostTensor, update: HostTensor, starts: ArraySlice<HostTensor>
  ) -> [Float] {
    var result = x.storage
    if update.elementCount == 0 { return result }
    let strides = x.strides
    var base = 0
    for (d, start) in starts.enumerated() {
      base += clampedIndex(start.scalar, lower: 0, upper: x.shape[d] - update.shape[d]) * strides[d]
    }
    let nest = LoopNest(shape: update.shape, stridesA: update.strides, stridesB: strides)
    update.storage.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { out in
        nest.copy(from: source.baseAddress!, to: out.baseAddress!, baseB: base)
      }
    }
    return result
  }
}
