import ShardlineIR
import ShardlineSharding

/// The specs a node's operands are resharded to before its local op runs.
extension SPMDLowering {
  /// The spec of each of node `node`'s operands as its local op reads it, canonical on the mesh.
  ///
  /// These are its strategy's (replicated where the strategy gives none), or the operands' own
  /// specs for a node without a strategy, with two changes, each a local step from the
  /// strategy's spec:
  /// - A scatter-add whose updates are split along scatter dimensions over some axes reads the
  ///   table it adds into as a partial sum over them (the whole table on the devices at
  ///   coordinate 0 along them, zeros on the others), so that summing the devices' results
  ///   adds the table once. The sharding pass gives the table the result's spec: that partial
  ///   sum when the result is left partial, but the whole table on every device when the op
  ///   completes the sum itself (harmless for a gradient, which adds into zeros, not in
  ///   general).
  /// - A grouped convolution whose output features are split over devices that its groups
  ///   divide among reads only its groups' input features: the input's features split as the
  ///   kernel's output features, where the sharding pass replicates them.
  func requiredSpecs(of node: Node) -> [ShardingSpec] {
    guard let strategy = strategies[node.id.rawValue] else {
      return node.operands.map { spec(of: $0).canonical(on: mesh) }
    }
    var specs = zip(strategy.operands, node.operands).map { spec, operand in
      (spec ?? .replicated(rank: graph[operand].type.rank)).canonical(on: mesh)
    }
    switch node.op {
    case .scatterAdd(let n) where specs.count == 3:
      let updates = specs[2].dims.enumerated()
      let scattered = updates.filter { !n.updateWindowDims.contains($0.offset) }
        .flatMap(\.element.axes)
      let missing = scattered.filter { !specs[0].partialAxes.contains($0) }
      specs[0].partialAxes = (specs[0].partialAxes + missing).sorted()
    case .convolution(let a) where a.featureGroupCount > 1 && specs.count == 2:
      let groups = specs[1].dims[a.kernelOutputFeatureDimension]
      let devices = mesh.devices(along: groups.axes)
      if a.featureGroupCount % devices == 0, specs[0].dims[a.inputFeatureDimension].axes.isEmpty {
        specs[0].dims[a.inputFeatureDimension] = groups
      }
    default:
      break
    }
    return specs
  }
}
