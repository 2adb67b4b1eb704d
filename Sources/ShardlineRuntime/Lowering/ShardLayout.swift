import ShardlineSharding

/// A step that changes how a tensor is laid out on a 2-D logical mesh, as one device sees it.
enum ReshardStep: Hashable, Sendable {
  /// Completes a partial sum over `axis` on every device.
  case allReduce(axis: Int)
  /// Completes a partial sum over `axis`, each device keeping its part along `dimension`.
  case reduceScatter(axis: Int, dimension: Int)
  /// Undoes the split of `dimension` over `axis` (the minor axis of that dimension).
  case allGather(axis: Int, dimension: Int)
  /// Moves the split over `axis` from dimension `from` (where it is minor) to dimension `to`.
  case allToAll(axis: Int, from: Int, to: Int)
  /// Splits `dimension` over `axis` (as its minor axis) by keeping the device's part locally.
  case slice(axis: Int, dimension: Int)
  /// Turns a complete tensor into a partial sum over `axis`: devices at coordinate 0 on the axis
  /// keep it, the others hold zeros.
  case zeroUnlessFirst(axis: Int)
}

/// The resharding plan between two specs that the lowering executes.
///
/// It follows ``ShardingContext/resharding(_:from:to:)``: partial sums first (reduce-scatter
/// where the target splits a dimension over that axis, else all-reduce), then per axis an
/// all-gather for a split that disappears and an all-to-all for one that moves, then local
/// slices for splits that appear, then zeros for partial sums that appear. Where the cost
/// model's step would leave a dimension split over both axes in the wrong order (axis 1 major,
/// which no spec can express), the plan instead gathers that dimension and slices it again.
enum ShardLayout {
  /// The steps that turn `source` into `target` on `mesh`; axes of size 1 are ignored.
  ///
  /// Every step keeps each dimension's axes in spec order (axis 0 major), so the layout after
  /// each step is a valid spec.
  static func steps(from source: ShardingSpec, to target: ShardingSpec, on mesh: MeshShape)
    -> [ReshardStep]
  {
    let target = target.canonical(on: mesh)
    let source = source.canonical(on: mesh)
    var dims = source.dims.map(\.axes)
    let goal = target.dims.map(\.axes)
    var steps: [ReshardStep] = []
    func isPrefix(_ axes: [Int], of dimension: Int) -> Bool {
      goal[dimension].starts(with: axes)
    }
    for axis in source.partialAxes where !target.partialAxes.contains(axis) {
      if let dimension = target.dimension(splitOver: axis),
        isPrefix(dims[dimension] + [axis], of: dimension)
      {
        steps.append(.reduceScatter(axis: axis, dimension: dimension))
        dims[dimension].append(axis)
      } else {
        steps.append(.allReduce(axis: axis))
      }
    }
    for axis in mesh.usefulAxes {
      guard let from = dims.firstIndex(where: { $0.last == axis }),
        !isPrefix(dims[from], of: from)
      else { continue }
      if let to = target.dimension(splitOver: axis), to != from, isPrefix(dims[to] + [axis], of: to)
      {
        steps.append(.allToAll(axis: axis, from: from, to: to))
        dims[from].removeLast()
        dims[to].append(axis)
      } else if target.dimension(splitOver: axis) == nil {
        steps.append(.allGather(axis: axis, dimension: from))
        dims[from].removeLast()
      }
    }
    for dimension in dims.indices {
      while !isPrefix(dims[dimension], of: dimension) {
        steps.append(.allGather(axis: dims[dimension].removeLast(), dimension: dimension))
      }
    }
    for dimension in dims.indices {
      for axis in goal[dimension].dropFirst(dims[dimension].count) {
        steps.append(.slice(axis: axis, dimension: dimension))
      }
    }
    for axis in target.partialAxes where !source.partialAxes.contains(axis) {
      steps.append(.zeroUnlessFirst(axis: axis))
    }
    return steps
  }
}
