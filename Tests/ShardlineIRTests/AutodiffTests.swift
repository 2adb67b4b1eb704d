import ShardlineIR
import ShardlineInterpreter
import ShardlineTestSupport
import Testing

/// Autodiff checked against central finite differences for every differentiable op.
@Suite("Autodiff against finite differences")
struct AutodiffTests {
  /// Builds `Σ op(...) ⊙ r` for a fixed random `r`, so every output element matters.
  static func projected(_ b: GraphBuilder, _ y: Value) throws -> Value {
    let count = y.type.elementCount
    let weights = (0..<count).map { i in Double((i * 7919) % 13) / 13 - 0.45 }
    let r = try b.constant(weights, y.type.with(dtype: .f32))
    let product = try b.multiply(b.convert(y, to: .f32), r)
    return try b.sum(product, dimensions: Array(0..<y.rank))
  }

  static func weight(_ b: GraphBuilder, _ name: String, _ shape: [Int], positive: Bool = false)
    throws -> Value
  {
    let w = try b.weight(name, shape, initializer: .normal(stddev: 1))
    // exp keeps values positive for log, sqrt, rsqrt, power and divide.
    return positive ? try b.unary(.exponential, b.scale(w, by: 0.3)) : w
  }

  typealias Case = (String, @Sendable (GraphBuilder) throws -> Value)

  static let cases: [Case] = [
    ("negate", { b in try b.negate(weight(b, "x", [3, 4])) }),
    ("exponential", { b in try b.unary(.exponential, weight(b, "x", [3, 4])) }),
    ("log", { b in try b.unary(.log, weight(b, "x", [3, 4], positive: true)) }),
    ("tanh", { b in try b.unary(.tanh, weight(b, "x", [3, 4])) }),
    ("logistic", { b in try b.unary(.logistic, weight(b, "x", [3, 4])) }),
    ("sine", { b in try b.unary(.sine, weight(b, "x", [3, 4])) }),
    ("cosine", { b in try b.unary(.cosine, weight(b, "x", [3, 4])) }),
    ("sqrt", { b in try b.unary(.sqrt, weight(b, "x", [3, 4], positive: true)) }),
    ("rsqrt", { b in try b.unary(.rsqrt, weight(b, "x", [3, 4], positive: true)) }),
    ("abs", { b in try b.unary(.abs, weight(b, "x", [3, 4])) }),
    ("square", { b in try b.unary(.square, weight(b, "x", [3, 4])) }),
    ("add", { b in try b.add(weight(b, "x", [3, 4]), weight(b, "y", [3, 4])) }),
    ("subtract", { b in try b.subtract(weight(b, "x", [3, 4]), weight(b, "y", [3, 4])) }),
    ("multiply", { b in try b.multiply(weight(b, "x", [3, 4]), weight(b, "y", [3, 4])) }),
    (
      "divide",
      { b in try b.divide(weight(b, "x", [3, 4]), weight(b, "y", [3, 4], positive: true)) }
    ),
    ("maximum", { b in try b.maximum(weight(b, "x", [3, 4]), weight(b, "y", [3, 4])) }),
    ("minimum", { b in try b.binary(.minimum, weight(b, "x", [3, 4]), weight(b, "y", [3, 4])) }),
    (
      "power",
      { b in try b.binary(.power, weight(b, "x", [3, 4], positive: true), weight(b, "y", [3, 4])) }
    ),
    (
      "select",
      { b in
        let x = try weight(b, "x", [3, 4])
        let y = try weight(b, "y", [3, 4])
        return try b.select(b.compare(x, y, .gt), b.multiply(x, y), y)
      }
    ),
    (
      "broadcast_in_dim",
      { b in
        let v = try weight(b, "v", [1, 4])
        return try b.multiply(
          b.broadcast(v, to: [2, 3, 4], dimensions: [0, 2]), weight(b, "y", [2, 3, 4]))
      }
    ),
    ("reshape", { b in try b.reshape(weight(b, "x", [3, 4]), [2, 6]) }),
    ("transpose", { b in try b.transpose(weight(b, "x", [2, 3, 4]), [2, 0, 1]) }),
    ("reverse", { b in try b.reverse(weight(b, "x", [3, 4]), [1]) }),
    (
      "slice",
      { b in try b.slice(weight(b, "x", [5, 6]), start: [1, 0], limit: [5, 5], strides: [2, 2]) }
    ),
    (
      "concatenate",
      { b in try b.concatenate([weight(b, "x", [2, 3]), weight(b, "y", [2, 2])], dimension: 1) }
    ),
    (
      "pad",
      { b in
        try b.pad(
          weight(b, "x", [3, 4]), with: weight(b, "p", []), low: [1, -1], high: [0, 2],
          interior: [1, 0])
      }
    ),
    ("reduce sum", { b in try b.sum(weight(b, "x", [3, 4, 2]), dimensions: [0, 2]) }),
    ("reduce max", { b in try b.reduce(weight(b, "x", [3, 4]), .max, dimensions: [1]) }),
    ("reduce min", { b in try b.reduce(weight(b, "x", [3, 4]), .min, dimensions: [0]) }),
    (
      "dot_general",
      { b in
        try b.dotGeneral(
          weight(b, "q", [2, 3, 4, 5]), weight(b, "k", [2, 5, 6, 4]),
          DotDimensionNumbers(
            lhsBatch: [0, 2], rhsBatch: [0, 3], lhsContracting: [3], rhsContracting: [1]))
      }
    ),
    (
      "dot_general with two contracting dims",
      { b in
        try b.dotGeneral(
          weight(b, "a", [3, 4, 2]), weight(b, "c", [2, 5, 3]),
          DotDimensionNumbers(lhsContracting: [2, 0], rhsContracting: [0, 2]))
      }
    ),
    (
      "convolution strided and padded",
      { b in
        try b.convolution(
          weight(b, "x", [2, 7, 6, 3]), weight(b, "k", [3, 3, 3, 4]),
          .nhwc(strides: [2, 2], padding: [[1, 0], [1, 2]]))
      }
    ),
    (
      "convolution dilated",
      { b in
        var a = ConvolutionAttributes.nhwc(padding: [[2, 2], [1, 1]])
        a.rhsDilation = [2, 1]
        a.lhsDilation = [1, 2]
        return try b.convolution(weight(b, "x", [1, 6, 5, 2]), weight(b, "k", [3, 2, 2, 3]), a)
      }
    ),
    (
      "convolution grouped NCHW",
      { b in
        let a = ConvolutionAttributes(
          inputBatchDimension: 0, inputFeatureDimension: 1, inputSpatialDimensions: [2, 3],
          kernelInputFeatureDimension: 1, kernelOutputFeatureDimension: 0,
          kernelSpatialDimensions: [2, 3],
          outputBatchDimension: 0, outputFeatureDimension: 1, outputSpatialDimensions: [2, 3],
          padding: [[1, 1], [1, 1]], featureGroupCount: 2)
        return try b.convolution(weight(b, "x", [2, 4, 5, 5]), weight(b, "k", [6, 2, 3, 3]), a)
      }
    ),
    (
      "gather (embedding)",
      { b in
        let ids = try b.constant([1, 3, 1, 0, 2, 3], TensorType([2, 3], .i32))
        return try b.embeddingLookup(weight(b, "table", [4, 5]), ids: ids)
      }
    ),
    (
      "scatter_add",
      { b in
        let ids = try b.constant([2, 0, 2], TensorType([3], .i32))
        let numbers = ScatterDimensionNumbers(
          updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0],
          indexVectorDim: 1)
        return try b.scatterAdd(weight(b, "x", [4, 2]), ids, weight(b, "u", [3, 2]), numbers)
      }
    ),
    (
      "dynamic_slice",
      { b in
        let start = try [b.scalar(1, .i32), b.scalar(2, .i32)]
        return try b.dynamicSlice(weight(b, "x", [4, 5]), start: start, sizes: [2, 3])
      }
    ),
    (
      "dynamic_update_slice",
      { b in
        let start = try [b.scalar(2, .i32), b.scalar(1, .i32)]
        return try b.dynamicUpdateSlice(
          weight(b, "x", [4, 5]), weight(b, "u", [2, 3]), start: start)
      }
    ),
    (
      "layer norm, gelu, softmax",
      { b in
        try b.softmax(b.gelu(b.layerNorm(weight(b, "x", [2, 6]))))
      }
    ),
    ("batch norm", { b in try b.batchNorm(weight(b, "x", [3, 2, 2, 4]), featureDimension: 3) }),
    (
      "causal attention",
      { b in
        try b.selfAttention(weight(b, "x", [2, 4, 8]), heads: 2, causal: true)
      }
    ),
    (
      "cross-entropy",
      { b in
        let labels = try b.constant([1, 0, 4], TensorType([3], .i32))
        return try b.softmaxCrossEntropy(logits: weight(b, "logits", [3, 5]), labels: labels)
      }
    ),
  ]

  @Test("every differentiable op's VJP matches central differences", arguments: cases.map(\.0))
  func opGradient(name: String) throws {
    let forward = Self.cases.first { $0.0 == name }!.1
    let check = try GradientCheck(name: name) { b in try Self.projected(b, forward(b)) }
    for comparison in try check.compare() {
      #expect(comparison.relativeError(floor: 1e-2) < 2e-2, "\(name): \(comparison)")
    }
  }
}

@Suite("Gradient stops")
struct GradientStopTests {
  @Test("no gradient flows through stop_gradient: d/dx Σ stop(x)·x = x")
  func stopGradient() throws {
    let check = try GradientCheck(name: "stop") { b in
      let x = try b.weight("x", [3], initializer: .normal(stddev: 1))
      return try b.sum(b.multiply(b.stopGradient(x), x), dimensions: [0])
    }
    let inputs = HostTensor.initialInputs(for: check.graph, seed: 3)
    let gradient = try check.evaluate(inputs).gradients[0]
    #expect(gradient.storage == inputs[0].storage)
  }
}
