/// The layout and window of a `convolution` (StableHLO's dimension numbers and window attributes).
///
/// The input has one batch, one feature and `n` spatial dimensions; the kernel one input-feature,
/// one output-feature and `n` spatial dimensions; the output one batch, one feature and `n`
/// spatial dimensions. Each list of spatial dimensions is in the order the window attributes use.
public struct ConvolutionAttributes: Hashable, Codable, Sendable {
  public var inputBatchDimension: Int
  public var inputFeatureDimension: Int
  public var inputSpatialDimensions: [Int]
  public var kernelInputFeatureDimension: Int
  public var kernelOutputFeatureDimension: Int
  public var kernelSpatialDimensions: [Int]
  public var outputBatchDimension: Int
  public var outputFeatureDimension: Int
  public var outputSpatialDimensions: [Int]
  /// Stride of the window per spatial dimension.
  public var windowStrides: [Int]
  /// Padding (low, high) per spatial dimension, in input elements; may be negative.
  public var padding: [[Int]]
  /// Dilation of the input per spatial dimension (transposed convolution), 1 for none.
  public var lhsDilation: [Int]
  /// Dilation of the kernel per spatial dimension (atrous convolution), 1 for none.
  public var rhsDilation: [Int]
  /// Number of groups the input features are split into; 1 for an ordinary convolution.
  public var featureGroupCount: Int

  /// Creates attributes; defaults give an unpadded, unstrided convolution.
  public init(
    inputBatchDimension: Int, inputFeatureDimension: Int, inputSpatialDimensions: [Int],
    kernelInputFeatureDimension: Int, kernelOutputFeatureDimension: Int,
    kernelSpatialDimensions: [Int],
    outputBatchDimension: Int, outputFeatureDimension: Int, outputSpatialDimensions: [Int],
    windowStrides: [Int]? = nil, padding: [[Int]]? = nil, lhsDilation: [Int]? = nil,
    rhsDilation: [Int]? = nil, featureGroupCount: Int = 1
  ) {
    let n = inputSpatialDimensions.count
    self.inputBatchDimension = inputBatchDimension
    self.inputFeatureDimension = inputFeatureDimension
    self.inputSpatialDimensions = inputSpatialDimensions
    self.kernelInputFeatureDimension = kernelInputFeatureDimension
    self.kernelOutputFeatureDimension = kernelOutputFeatureDimension
    self.kernelSpatialDimensions = kernelSpatialDimensions
    self.outputBatchDimension = outputBatchDimension
    self.outputFeatureDimension = outputFeatureDimension
    self.outputSpatialDimensions = outputSpatialDimensions
    self.windowStrides = windowStrides ?? Array(repeating: 1, count: n)
    self.padding = padding ?? Array(repeating: [0, 0], count: n)
    self.lhsDilation = lhsDilation ?? Array(repeating: 1, count: n)
    self.rhsDilation = rhsDilation ?? Array(repeating: 1, count: n)
    self.featureGroupCount = featureGroupCount
  }

  /// The NHWC input, HWIO kernel, NHWC output layout JAX/Flax use for 2-D images.
  public static func nhwc(
    strides: [Int] = [1, 1], padding: [[Int]] = [[0, 0], [0, 0]], featureGroupCount: Int = 1
  ) -> ConvolutionAttributes {
    ConvolutionAttributes(
      inputBatchDimension: 0, inputFeatureDimension: 3, inputSpatialDimensions: [1, 2],
      kernelInputFeatureDimension: 2, kernelOutputFeatureDimension: 3,
      kernelSpatialDimensions: [0, 1],
      outputBatchDimension: 0, outputFeatureDimension: 3, outputSpatialDimensions: [1, 2],
      windowStrides: strides, padding: padding, featureGroupCount: featureGroupCount)
  }

  /// Number of spatial dimensions.
  public var spatialRank: Int { inputSpatialDimensions.count }
}
