import ShardlineIR
import ShardlineSharding

/// Convolution's layout check: the loops a convolution's strategies split (Alpa §4.1).
extension LocalLayout {
  /// Throws unless the convolution's batch, output-feature and input-feature loops are each
  /// split alike wherever they appear, and its spatial dimensions are unsplit.
  ///
  /// Then the same convolution on local shards gives the device's shard of the result: a batch
  /// split cuts the input's and the result's batch, an output-feature split the kernel's and
  /// the result's features, and an input-feature split (the contraction) the input's and the
  /// kernel's features, leaving a partial sum (see ``partialAxes()``). A grouped convolution
  /// never splits its contraction; an output-feature split gives each device whole groups,
  /// whose input features it reads split as the result's features (``SPMDLowering``'s
  /// `requiredSpecs(of:)`), and runs with fewer groups (``localOp(mesh:)``).
  ///
  /// Spatial dimensions would need halo exchanges between neighbouring shards, which the
  /// lowering does not perform, and which the sharding pass never asks for.
  func checkConvolution(_ a: ConvolutionAttributes) throws(LoweringError) {
    let out = output.dims.map(\.axes)
    let spatial = [
      ("input", a.inputSpatialDimensions.map { axes(0, $0) }),
      ("kernel", a.kernelSpatialDimensions.map { axes(1, $0) }),
      ("result", a.outputSpatialDimensions.map { out[$0] }),
    ]
    for (what, splits) in spatial where splits.contains(where: { !$0.isEmpty }) {
      throw fail("a spatial dimension of its \(what) is split (it would need halo exchanges)")
    }
    guard axes(0, a.inputBatchDimension) == out[a.outputBatchDimension] else {
      throw fail("input \(operands[0]) and result \(output) split the batch differently")
    }
    guard axes(1, a.kernelOutputFeatureDimension) == out[a.outputFeatureDimension] else {
      throw fail("kernel \(operands[1]) and result \(output) split the features differently")
    }
    let contraction = axes(1, a.kernelInputFeatureDimension)
    guard a.featureGroupCount > 1 else {
      guard axes(0, a.inputFeatureDimension) == contraction else {
        throw fail("input \(operands[0]) and kernel \(operands[1]) split the features differently")
      }
      return
    }
    guard contraction.isEmpty else {
      throw fail("the kernel input features of a grouped convolution are split")
    }
    guard axes(0, a.inputFeatureDimension) == out[a.outputFeatureDimension] else {
      throw fail(
        "its input \(operands[0]) is not split on the features as its result \(output): its "
          + "\(a.featureGroupCount) groups must divide among the devices the features are split "
          + "over")
    }
  }
}
