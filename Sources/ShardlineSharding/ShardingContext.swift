import ShardlineCost
import ShardlineHardware
import ShardlineIR

/// What strategy enumeration and resharding need: the graph, the logical mesh with its link
/// costs, the compute cost model and the options.
public struct ShardingContext: Sendable {
  /// The graph being sharded.
  public let graph: Graph
  /// The logical mesh, with the α-β cost of each axis.
  public let mesh: LogicalMesh
  /// Per-op compute time on one device.
  public let costModel: ComputeCostModel
  /// Pass options.
  public let options: ShardingOptions

  /// Creates a context.
  public init(
    graph: Graph, mesh: LogicalMesh, costModel: ComputeCostModel,
    options: ShardingOptions = ShardingOptions()
  ) {
    self.graph = graph
    self.mesh = mesh
    self.costModel = costModel
    self.options = options
  }

  /// The mesh's axis sizes.
  public var shape: MeshShape { MeshShape(mesh.shape.rows, mesh.shape.columns) }

  /// A collective of `kind` over `axes` (one axis, or both for the whole mesh) moving `bytes`
  /// (B as ``CollectiveKind`` defines it).
  public func collective(_ kind: CollectiveKind, axes: [Int], bytes: Double) -> Collective {
    let cost = axes.count == 1 ? mesh.axisCost(axes[0]) : mesh.wholeMeshCost
    let options = CollectiveOptions(
      appliesAlpaAllToAllPenalty: self.options.appliesAlpaAllToAllPenalty)
    return Collective(
      kind: kind, axes: axes, bytes: bytes,
      seconds: cost.time(of: kind, bytes: bytes, options: options))
  }

  /// Bytes of one device's shard of `type` under `spec`.
  public func bytesPerDevice(_ type: TensorType, _ spec: ShardingSpec) -> Double {
    Double(type.byteCount) / Double(spec.shardCount(on: shape))
  }

  /// Every valid non-partial spec of a tensor of `shape` over the mesh's useful axes, replicated
  /// first, in a fixed order.
  public func allSpecs(for shape: [Int]) -> [ShardingSpec] {
    var choices: [DimSharding] = [.replicated]
    let useful = self.shape.usefulAxes
    if useful.contains(0) { choices.append(.axis0) }
    if useful.contains(1) { choices.append(.axis1) }
    if useful.count == 2 { choices.append(.both) }
    var specs: [ShardingSpec] = [ShardingSpec(Array(repeating: .replicated, count: shape.count))]
    func extend(_ prefix: [DimSharding]) {
      if prefix.count == shape.count {
        let spec = ShardingSpec(prefix)
        if spec.splitAxes.isEmpty == false, spec.isValid(for: shape, on: self.shape) {
          specs.append(spec)
        }
        return
      }
      for choice in choices { extend(prefix + [choice]) }
    }
    extend([])
    return specs
  }

  /// Compute time of node `id` when its work is divided among `workShards` devices.
  public func computeSeconds(of id: NodeID, workShards: Int) -> Double {
    let full = costModel.time(of: id, in: graph)
    let node = graph[id]
    let isMatmul: Bool
    switch node.op {
    case .dotGeneral, .convolution: isMatmul = true
    default: isMatmul = false
    }
    let dtype = node.operands.first.map { graph[$0].type.dtype } ?? node.type.dtype
    let shards = Double(max(workShards, 1))
    return costModel.time(
      isMatmul: isMatmul, flops: full.flops / shards, bytes: full.bytes / shards, dtype: dtype,
      kind: node.op.kindName, elements: full.elements / shards,
      freshOperands: node.phase != .update
    ).seconds
  }
}
