import ShardlineHardware
import ShardlineIR

/// The communication that turns a tensor of one sharding into another.
public struct Resharding: Hashable, Sendable {
  /// The collectives, in the order they run.
  public var collectives: [Collective]

  /// Total time, in seconds.
  public var seconds: Double { collectives.reduce(0) { $0 + $1.seconds } }

  /// No communication.
  public static let free = Resharding(collectives: [])
}

/// Resharding cost between any two specs of a tensor (DESIGN.md "Resharding cost"), extended with
/// the partial-sum state.
///
/// Partial sums are completed first: over an axis the target splits some dimension on, with a
/// reduce-scatter (each device keeps only its slice of the sum); over any other axis, with an
/// all-reduce. Turning a complete tensor into a partial one is free (one device keeps the value,
/// the others zeros). Then, axis by axis: a split that disappears is an all-gather, a split that
/// appears is a local slice (free), and a split that moves to another dimension is an all-to-all.
extension ShardingContext {
  /// The collectives that turn `type` sharded as `source` into `target`.
  public func resharding(_ type: TensorType, from source: ShardingSpec, to target: ShardingSpec)
    -> Resharding
  {
    if source == target { return .free }
    let mesh = shape
    var current = source
    var collectives: [Collective] = []
    var localBytes = Double(type.byteCount) / Double(source.shardCount(on: mesh))
    for axis in source.partialAxes where !target.partialAxes.contains(axis) {
      current.partialAxes.removeAll { $0 == axis }
      if let dimension = target.dimension(splitOver: axis),
        current.dimension(splitOver: axis) == nil,
        let merged = DimSharding(axes: (current.dims[dimension].axes + [axis]).sorted()),
        type.shape[dimension] % mesh.devices(along: merged.axes) == 0
      {
        collectives.append(collective(.reduceScatter, axes: [axis], bytes: localBytes))
        current.dims[dimension] = merged
        localBytes /= Double(mesh.sizes[axis])
      } else {
        collectives.append(collective(.allReduce, axes: [axis], bytes: localBytes))
      }
    }
    for axis in [0, 1] where mesh.sizes[axis] > 1 {
      let from = current.dimension(splitOver: axis)
      let to = target.dimension(splitOver: axis)
      guard from != to else { continue }
      let groupBytes = localBytes * Double(mesh.sizes[axis])
      switch (from, to) {
      case (.some(let dimension), .none):
        collectives.append(collective(.allGather, axes: [axis], bytes: groupBytes))
        current.dims[dimension] = DimSharding(
          axes: current.dims[dimension].axes.filter { $0 != axis })!
        localBytes = groupBytes
      case (.some(let dimension), .some):
        collectives.append(collective(.allToAll, axes: [axis], bytes: groupBytes))
        current.dims[dimension] = DimSharding(
          axes: current.dims[dimension].axes.filter { $0 != axis })!
      default:
        break
      }
    }
    return Resharding(collectives: collectives)
  }
}
