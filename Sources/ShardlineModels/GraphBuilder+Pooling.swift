import ShardlineIR

/// Pooling over the spatial dimensions of NHWC images, built from primitive ops.
extension GraphBuilder {
  /// Max pooling of an NHWC `x` with a `window`×`window` window, `stride` and "SAME" padding
  /// (output size `⌈H/stride⌉`, the extra padding at the high end, as Flax pads).
  ///
  /// The IR has no `reduce_window`, so this pads `x` with the lowest finite value of its type
  /// and takes the element-wise maximum of the `window²` strided slices, one per window offset.
  func maxPool(_ x: Value, window: Int, stride: Int) throws -> Value {
    try scope("max_pool") {
      let (height, width) = (x.shape[1], x.shape[2])
      let (outHeight, outWidth) = ((height + stride - 1) / stride, (width + stride - 1) / stride)
      let padHeight = max((outHeight - 1) * stride + window - height, 0)
      let padWidth = max((outWidth - 1) * stride + window - width, 0)
      let padded = try pad(
        x, with: scalar(Self.lowestFinite(x.dtype), x.dtype),
        low: [0, padHeight / 2, padWidth / 2, 0],
        high: [0, padHeight - padHeight / 2, padWidth - padWidth / 2, 0])
      var result: Value?
      for dy in 0..<window {
        for dx in 0..<window {
          let taken = try slice(
            padded, start: [0, dy, dx, 0],
            limit: [
              x.shape[0], dy + (outHeight - 1) * stride + 1, dx + (outWidth - 1) * stride + 1,
              x.shape[3],
            ],
            strides: [1, stride, stride, 1])
          result = try result.map { try maximum($0, taken) } ?? taken
        }
      }
      guard let result else { preconditionFailure("a pooling window has at least one element") }
      return result
    }
  }

  /// Global average pooling: the mean over the spatial dimensions of NHWC `x`, giving `[N, C]`.
  func globalAveragePool(_ x: Value) throws -> Value {
    try scope("avg_pool") {
      try scale(sum(x, dimensions: [1, 2]), by: 1 / Double(x.shape[1] * x.shape[2]))
    }
  }

  /// The most negative finite value of a floating-point type, the identity of `max` padding.
  static func lowestFinite(_ dtype: DType) -> Double {
    switch dtype {
    case .f16: -65504
    case .bf16: -3.3895313892515355e38
    default: -Double(Float.greatestFiniteMagnitude)
    }
  }
}
