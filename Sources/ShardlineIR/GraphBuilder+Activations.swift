import Foundation

/// Element-wise activations and normalizations built from primitive ops.
extension GraphBuilder {
  /// `max(x, 0)`.
  public func relu(_ x: Value) throws(IRError) -> Value {
    try scope("relu") { () throws(IRError) -> Value in try maximum(x, constant(0, x.type)) }
  }

  /// GELU with the tanh approximation used by GPT-2 and Megatron-LM:
  /// `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
  public func gelu(_ x: Value) throws(IRError) -> Value {
    try scope("gelu") { () throws(IRError) -> Value in
      let cube = try multiply(unary(.square, x), x)
      let inner = try scale(add(x, scale(cube, by: 0.044715)), by: (2 / Double.pi).squareRoot())
      let gate = try add(constant(1, x.type), unary(.tanh, inner))
      return try multiply(scale(x, by: 0.5), gate)
    }
  }

  /// Reduces the last dimension with `kind` and broadcasts the result back to `x`'s shape.
  func reduceLastKeepingShape(_ x: Value, _ kind: ReductionKind) throws(IRError) -> Value {
    let reduced = try reduce(x, kind, dimensions: [x.rank - 1])
    return try broadcast(reduced, to: x.shape, dimensions: Array(0..<(x.rank - 1)))
  }

  /// Softmax over the last dimension, shifted by the maximum for stability.
  public func softmax(_ x: Value) throws(IRError) -> Value {
    try scope("softmax") { () throws(IRError) -> Value in
      let shifted = try subtract(x, stopGradient(reduceLastKeepingShape(x, .max)))
      let exps = try unary(.exponential, shifted)
      return try divide(exps, reduceLastKeepingShape(exps, .sum))
    }
  }

  /// Log-sum-exp over the last dimension (shape without the last dimension).
  public func logSumExp(_ x: Value) throws(IRError) -> Value {
    try scope("logsumexp") { () throws(IRError) -> Value in
      let peak = try stopGradient(reduce(x, .max, dimensions: [x.rank - 1]))
      let broadcastPeak = try broadcast(peak, to: x.shape, dimensions: Array(0..<(x.rank - 1)))
      let sum = try self.sum(
        unary(.exponential, subtract(x, broadcastPeak)), dimensions: [x.rank - 1])
      return try add(unary(.log, sum), peak)
    }
  }

  /// Normalizes over the last dimension with learned scale and shift (Ba et al., 2016).
  public func layerNorm(_ x: Value, epsilon: Double = 1e-5, label: String = "ln") throws(IRError)
    -> Value
  {
    try scope(label) { () throws(IRError) -> Value in
      let features = x.shape[x.rank - 1]
      let gamma = try weight("scale", [features], initializer: .constant(1))
      let beta = try weight("bias", [features], initializer: .zeros)
      let inverseCount = 1 / Double(features)
      let mean = try scale(reduceLastKeepingShape(x, .sum), by: inverseCount)
      let centered = try subtract(x, mean)
      let variance = try scale(
        reduceLastKeepingShape(unary(.square, centered), .sum), by: inverseCount)
      let normalized = try multiply(
        centered, unary(.rsqrt, add(variance, constant(epsilon, variance.type))))
      return try add(
        multiply(normalized, broadcast(gamma, to: x.shape)), broadcast(beta, to: x.shape))
    }
  }

  /// Batch normalization in training mode over every dimension but the feature dimension
  /// `featureDimension`, with learned scale and shift (Ioffe & Szegedy, 2015).
  public func batchNorm(
    _ x: Value, featureDimension: Int, epsilon: Double = 1e-5, label: String = "bn"
  ) throws(IRError) -> Value {
    try scope(label) { () throws(IRError) -> Value in
      let features = x.shape[featureDimension]
      let gamma = try weight("scale", [features], initializer: .constant(1))
      let beta = try weight("bias", [features], initializer: .zeros)
      let others = (0..<x.rank).filter { $0 != featureDimension }
      let inverseCount = 1 / Double(x.type.elementCount / features)
      let spread = { (v: Value) throws(IRError) -> Value in
        try self.broadcast(v, to: x.shape, dimensions: [featureDimension])
      }
      let mean = try spread(scale(sum(x, dimensions: others), by: inverseCount))
      let centered = try subtract(x, mean)
      let variance = try spread(
        scale(sum(unary(.square, centered), dimensions: others), by: inverseCount))
      let normalized = try multiply(
        centered, unary(.rsqrt, add(variance, constant(epsilon, variance.type))))
      return try add(multiply(normalized, spread(gamma)), spread(beta))
    }
  }
}
