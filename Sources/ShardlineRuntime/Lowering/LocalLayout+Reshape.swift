import ShardlineIR
import ShardlineSharding

/// Reshape's layout check and the local op.
extension LocalLayout {
  /// Within each group of dimensions a reshape maps onto each other (equal element counts), a
  /// split must be on the first dimension of size above 1 on both sides, over the same axes:
  /// then each device's shard is a contiguous run of the group's row-major elements, the same
  /// run on both sides.
  func checkReshape() throws(LoweringError) {
    let from = operandTypes[0].shape
    let to = node.type.shape
    for (source, target) in ShardingContext.reshapeGroups(from: from, to: to) {
      let major = (source.first { from[$0] > 1 }, target.first { to[$0] > 1 })
      for dimension in source where dimension != major.0 && !axes(0, dimension).isEmpty {
        throw fail("operand dimension \(dimension) is split but not the major one of its group")
      }
      for dimension in target where dimension != major.1 && !output.dims[dimension].axes.isEmpty {
        throw fail("result dimension \(dimension) is split but not the major one of its group")
      }
      let sourceAxes = major.0.map { axes(0, $0) } ?? []
      let targetAxes = major.1.map { output.dims[$0].axes } ?? []
      guard sourceAxes == targetAxes else {
        throw fail("operand \(operands[0]) and result \(output) split a group differently")
      }
    }
  }

  /// The op with the shapes its attributes carry cut to the local shard: a slice's limits and a
  /// dynamic slice's sizes on split dimensions, a gather's slice sizes on split window
  /// dimensions of its table (a split row dimension keeps its slice size of 1), a grouped
  /// convolution's group count when its output features, and so its groups, are split.
  func localOp(mesh: MeshShape) throws(LoweringError) -> Op {
    let local = operands.indices.map {
      operands[$0].localShape(of: operandTypes[$0].shape, on: mesh)
    }
    switch node.op {
    case .slice(var a):
      for dimension in a.limit.indices where !axes(0, dimension).isEmpty {
        a.limit[dimension] = local[0][dimension]
      }
      return .slice(a)
    case .dynamicSlice(var sizes):
      for dimension in sizes.indices where !axes(0, dimension).isEmpty {
        sizes[dimension] = local[0][dimension]
      }
      return .dynamicSlice(sizes: sizes)
    case .gather(var n):
      for dimension in n.sliceSizes.indices
      where !axes(0, dimension).isEmpty && !n.collapsedSliceDims.contains(dimension) {
        n.sliceSizes[dimension] = local[0][dimension]
      }
      return .gather(n)
    case .convolution(var a) where a.featureGroupCount > 1:
      let devices = mesh.devices(along: output.dims[a.outputFeatureDimension].axes)
      guard a.featureGroupCount % devices == 0 else {
        throw fail(
          "its \(a.featureGroupCount) groups do not divide among the \(devices) devices its "
            + "output features are split over")
      }
      a.featureGroupCount /= devices
      return .convolution(a)
    default:
      return node.op
    }
  }
}
