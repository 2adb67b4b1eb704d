import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("convolution kernel")
struct ConvolutionKernelTests {
  typealias K = KernelTests

  /// Convolution by definition, reading input and kernel in their own layouts: output
  /// `[b, o, p…]` sums `input[b, g·I + i, q…] · kernel[o, i, k…]` over `i` and `k…`, where
  /// `q·lhsDilation = p·stride + k·rhsDilation − low` (positions off the grid or outside read 0).
  static func naive(
    _ input: HostTensor, _ kernel: HostTensor, _ a: ConvolutionAttributes, resultShape: [Int]
  ) -> [Float] {
    let n = a.spatialRank
    let groupInputs = kernel.shape[a.kernelInputFeatureDimension]
    let groupOutputs = kernel.shape[a.kernelOutputFeatureDimension] / a.featureGroupCount
    var result = HostTensor.zeros(shape: resultShape)
    for out in DotKernelTests.indices(resultShape) {
      let (b, o) = (out[a.outputBatchDimension], out[a.outputFeatureDimension])
      var total = 0.0
      for i in 0..<groupInputs {
        windows: for k in DotKernelTests.indices(a.kernelSpatialDimensions.map { kernel.shape[$0] })
        {
          var inputIndex = [Int](repeating: 0, count: n + 2)
          inputIndex[a.inputBatchDimension] = b
          inputIndex[a.inputFeatureDimension] = (o / groupOutputs) * groupInputs + i
          for d in 0..<n {
            let p =
              out[a.outputSpatialDimensions[d]] * a.windowStrides[d]
              + k[d] * a.rhsDilation[d] - a.padding[d][0]
            let size = input.shape[a.inputSpatialDimensions[d]]
            if p < 0 || p % a.lhsDilation[d] != 0 || p / a.lhsDilation[d] >= size {
              continue windows
            }
            inputIndex[a.inputSpatialDimensions[d]] = p / a.lhsDilation[d]
          }
          var kernelIndex = [Int](repeating: 0, count: n + 2)
          kernelIndex[a.kernelOutputFeatureDimension] = o
          kernelIndex[a.kernelInputFeatureDimension] = i
          for d in 0..<n { kernelIndex[a.kernelSpatialDimensions[d]] = k[d] }
          total += Double(input[index: inputIndex]) * Double(kernel[index: kernelIndex])
        }
      }
      result[index: out] = Float(total)
    }
    return result.storage
  }

  static func nchw(
    strides: [Int] = [1, 1], padding: [[Int]] = [[0, 0], [0, 0]], lhsDilation: [Int]? = nil,
    rhsDilation: [Int]? = nil, groups: Int = 1
  ) -> ConvolutionAttributes {
    ConvolutionAttributes(
      inputBatchDimension: 0, inputFeatureDimension: 1, inputSpatialDimensions: [2, 3],
      kernelInputFeatureDimension: 1, kernelOutputFeatureDimension: 0,
      kernelSpatialDimensions: [2, 3],
      outputBatchDimension: 0, outputFeatureDimension: 1, outputSpatialDimensions: [2, 3],
      windowStrides: strides, padding: padding, lhsDilation: lhsDilation,
      rhsDilation: rhsDilation, featureGroupCount: groups)
  }

  /// Runs the convolution and checks it against ``naive(_:_:_:resultShape:)``.
  func check(_ inputShape: [Int], _ kernelShape: [Int], _ a: ConvolutionAttributes) throws {
    let input = K.random(inputShape, seed: UInt64(inputShape.reduce(0, +)))
    let kernel = K.random(kernelShape, seed: UInt64(kernelShape.reduce(7, +)))
    let y = try K.evaluate([input, kernel]) { g, v throws(IRError) in
      try g.convolution(v[0], v[1], a)
    }
    #expect(!y.storage.isEmpty)
    #expect(K.isClose(y.storage, Self.naive(input, kernel, a, resultShape: y.shape)))
  }

  @Test("a 1-D convolution matches hand arithmetic")
  func handComputed() throws {
    // Input [1 2 3 4] (N=1, W=4, C=1), kernel [1 10] (W=2, I=1, O=1):
    // 1+20 = 21, 2+30 = 32, 3+40 = 43.
    let a = ConvolutionAttributes(
      inputBatchDimension: 0, inputFeatureDimension: 2, inputSpatialDimensions: [1],
      kernelInputFeatureDimension: 1, kernelOutputFeatureDimension: 2, kernelSpatialDimensions: [0],
      outputBatchDimension: 0, outputFeatureDimension: 2, outputSpatialDimensions: [1])
    let y = try K.evaluate([K.counting([1, 4, 1]), K.tensor([2, 1, 1], [1, 10])]) {
      g, v throws(IRError) in
      try g.convolution(v[0], v[1], a)
    }
    #expect(y.storage == [21, 32, 43])
  }

  @Test("lhs dilation inserts zeros between input elements (hand arithmetic)")
  func lhsDilationByHand() throws {
    // Input [1 2 3] dilated by 2 → [1 0 2 0 3]; kernel [1 10]: 1, 20, 2, 30.
    var a = ConvolutionAttributes(
      inputBatchDimension: 0, inputFeatureDimension: 1, inputSpatialDimensions: [2],
      kernelInputFeatureDimension: 1, kernelOutputFeatureDimension: 0, kernelSpatialDimensions: [2],
      outputBatchDimension: 0, outputFeatureDimension: 1, outputSpatialDimensions: [2])
    a.lhsDilation = [2]
    let y = try K.evaluate([K.counting([1, 1, 3]), K.tensor([1, 1, 2], [1, 10])]) {
      g, v throws(IRError) in
      try g.convolution(v[0], v[1], a)
    }
    #expect(y.storage == [1, 20, 2, 30])
  }

  @Test("NHWC input with HWIO kernel")
  func nhwc() throws {
    try check([2, 5, 6, 3], [3, 2, 3, 4], .nhwc())
  }

  @Test("NCHW input with OIHW kernel, stride 2 and asymmetric padding")
  func nchwStridedPadded() throws {
    try check(
      [2, 3, 7, 6], [4, 3, 3, 3], Self.nchw(strides: [2, 2], padding: [[1, 0], [2, 1]]))
  }

  @Test("negative padding crops the input")
  func negativePadding() throws {
    try check([1, 2, 6, 6], [3, 2, 2, 2], Self.nchw(padding: [[-1, 1], [0, -2]]))
  }

  @Test("lhs dilation with padding (transposed convolution)")
  func lhsDilation() throws {
    try check(
      [1, 2, 4, 3], [2, 2, 3, 3], Self.nchw(padding: [[2, 2], [1, 2]], lhsDilation: [2, 3]))
  }

  @Test("rhs dilation (atrous convolution) with stride")
  func rhsDilation() throws {
    try check([2, 2, 9, 8], [3, 2, 3, 2], Self.nchw(strides: [1, 2], rhsDilation: [2, 3]))
  }

  @Test("two feature groups")
  func featureGroups() throws {
    try check([2, 4, 5, 5], [6, 2, 3, 3], Self.nchw(padding: [[1, 1], [1, 1]], groups: 2))
    try check([1, 5, 5, 4], [3, 3, 2, 6], .nhwc(featureGroupCount: 2))
  }

  @Test("1x1 kernels (the im2col-free path), grouped and not")
  func pointwise() throws {
    try check([2, 4, 3, 5], [6, 4, 1, 1], Self.nchw())
    try check([2, 4, 3, 5], [6, 2, 1, 1], Self.nchw(groups: 2))
  }

  @Test("1-D convolution in NWC layout with stride and padding")
  func oneDimensional() throws {
    let a = ConvolutionAttributes(
      inputBatchDimension: 0, inputFeatureDimension: 2, inputSpatialDimensions: [1],
      kernelInputFeatureDimension: 1, kernelOutputFeatureDimension: 2, kernelSpatialDimensions: [0],
      outputBatchDimension: 0, outputFeatureDimension: 2, outputSpatialDimensions: [1],
      windowStrides: [2], padding: [[2, 1]])
    try check([3, 11, 2], [3, 2, 4], a)
  }

  @Test("3-D convolution with mixed window attributes")
  func threeDimensional() throws {
    let a = ConvolutionAttributes(
      inputBatchDimension: 0, inputFeatureDimension: 1, inputSpatialDimensions: [2, 3, 4],
      kernelInputFeatureDimension: 1, kernelOutputFeatureDimension: 0,
      kernelSpatialDimensions: [2, 3, 4],
      outputBatchDimension: 0, outputFeatureDimension: 1, outputSpatialDimensions: [2, 3, 4],
      windowStrides: [1, 2, 1], padding: [[1, 0], [0, 1], [-1, 1]], lhsDilation: [1, 1, 2],
      rhsDilation: [2, 1, 1])
    try check([1, 2, 5, 4, 4], [2, 2, 2, 2, 3], a)
  }

  @Test("unusual layouts: feature-first input, kernel and output in different orders")
  func unusualLayouts() throws {
    // Input [C, W, N, H], kernel [H, O, W, I], output [W, C, H, N].
    let a = ConvolutionAttributes(
      inputBatchDimension: 2, inputFeatureDimension: 0, inputSpatialDimensions: [3, 1],
      kernelInputFeatureDimension: 3, kernelOutputFeatureDimension: 1,
      kernelSpatialDimensions: [0, 2],
      outputBatchDimension: 3, outputFeatureDimension: 1, outputSpatialDimensions: [2, 0],
      windowStrides: [2, 1], padding: [[1, 1], [0, 0]])
    try check([3, 5, 2, 6], [3, 4, 2, 3], a)
  }
}
