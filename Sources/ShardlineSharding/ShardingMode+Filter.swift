import ShardlineIR

/// The strategies each forced mode allows, as a filter on independently deciding nodes.
extension ShardingMode {
  /// The filter of this mode for `context`'s graph.
  func filter(context: ShardingContext) -> CostGraph.StrategyFilter {
    let graph = context.graph
    let mesh = context.shape
    let roles = Dictionary(uniqueKeysWithValues: graph.inputs.map { ($0.node, $0.role) })
    let allAxes = mesh.usefulAxes
    /// The spec splitting the first dimension divisible by `axes`' devices over `axes`.
    let firstSplit = { (shape: [Int], axes: [Int]) -> ShardingSpec in
      var spec = ShardingSpec.replicated(rank: shape.count)
      guard let dimSharding = DimSharding(axes: axes), !axes.isEmpty,
        let dimension = shape.firstIndex(where: { $0 % mesh.devices(along: axes) == 0 })
      else { return spec }
      spec.dims[dimension] = dimSharding
      return spec
    }
    let batchSpec = { (id: NodeID) -> ShardingSpec in
      firstSplit(graph[id].type.shape, self == .megatron ? allAxes.filter { $0 == 0 } : allAxes)
    }
    let megatron = self == .megatron ? MegatronLayout(graph: graph, mesh: mesh) : nil
    let experts = self == .expertParallel ? ExpertParameters(graph: graph) : nil
    /// Expert parallelism: the leading (expert) dimension split over the most devices that
    /// divide it — both axes, else the larger single axis (axis 1, inside a host, on a tie).
    let expertSpec = { (shape: [Int]) -> ShardingSpec in
      var spec = ShardingSpec.replicated(rank: shape.count)
      let single =
        allAxes.count < 2 ? [] : mesh.sizes[0] > mesh.sizes[1] ? [[0], [1]] : [[1], [0]]
      guard let first = shape.first,
        let axes = ([allAxes] + single).first(where: {
          !$0.isEmpty && first % mesh.devices(along: $0) == 0
        }),
        let dimSharding = DimSharding(axes: axes)
      else { return spec }
      spec.dims[0] = dimSharding
      return spec
    }
    return { id, strategy in
      let node = graph[id]
      switch self {
      case .auto:
        return true
      case .shardedState:
        guard let role = roles[id], role != .batch else { return true }
        let full = firstSplit(node.type.shape, allAxes)
        return full.splitAxes.isEmpty || strategy.output.splitAxes == allAxes
      case .replicated:
        return strategy.output.splitAxes.isEmpty && !strategy.output.isPartial
          && strategy.operands.allSatisfy { $0 == nil || $0!.splitAxes.isEmpty }
      case .dataParallel, .zero2, .zero3, .megatron, .expertParallel:
        guard let role = roles[id] else { return true }
        switch role {
        case .batch:
          return strategy.output == batchSpec(id)
        case .parameter:
          if let megatron { return strategy.output == megatron.spec(of: id) }
          if let experts {
            return strategy.output
              == (experts.contains(id)
                ? expertSpec(node.type.shape) : .replicated(rank: node.type.rank))
          }
          return strategy.output
            == (self == .zero3
              ? firstSplit(node.type.shape, allAxes) : .replicated(rank: node.type.rank))
        case .optimizerState:
          if let megatron {
            let owner = graph.inputs.first { $0.node == id }?.parameter
            return strategy.output
              == (owner.map { megatron.spec(of: $0) } ?? .replicated(rank: node.type.rank))
          }
          let sharded = self == .zero2 || self == .zero3 || self == .expertParallel
          return strategy.output
            == (sharded ? firstSplit(node.type.shape, allAxes) : .replicated(rank: node.type.rank))
        }
      }
    }
  }
}

/// Megatron-LM's weight layout: within each model layer, two-dimensional weights alternate
/// column-parallel (output features split over axis 1) and row-parallel (input features split),
/// a column-parallel weight's bias is split with it, the embedding table is split along its
/// vocabulary, and everything else (layer norms, row-parallel biases) is replicated.
struct MegatronLayout {
  private var specs: [NodeID: ShardingSpec] = [:]

  init(graph: Graph, mesh: MeshShape) {
    var matmulWeights = Set<NodeID>()
    var gatherTables = Set<NodeID>()
    for node in graph.nodes {
      switch node.op {
      case .dotGeneral:
        for operand in node.operands { matmulWeights.insert(Self.source(operand, in: graph)) }
      case .gather: gatherTables.insert(Self.source(node.operands[0], in: graph))
      default: break
      }
    }
    let model = mesh.sizes[1] > 1 ? DimSharding.axis1 : DimSharding.replicated
    let divides = { (size: Int) in size % mesh.sizes[1] == 0 }
    var previousWasColumn: [Int?: Bool] = [:]
    for input in graph.inputs where input.role == .parameter {
      let id = input.node
      let type = graph[id].type
      let layer = graph[id].layer
      var spec = ShardingSpec.replicated(rank: type.rank)
      if gatherTables.contains(id) {
        if divides(type.shape[0]) { spec.dims[0] = model }
      } else if type.rank == 2 && matmulWeights.contains(id) {
        let column = !(previousWasColumn[layer] ?? false)
        previousWasColumn[layer] = column
        let dimension = column ? 1 : 0
        if divides(type.shape[dimension]) { spec.dims[dimension] = model }
      } else if type.rank == 1, previousWasColumn[layer] == true, graph[id].name.hasSuffix("/b"),
        divides(type.shape[0])
      {
        spec.dims[0] = model
      }
      specs[id] = spec
    }
  }

  /// The spec Megatron gives parameter `id`.
  func spec(of id: NodeID) -> ShardingSpec { specs[id] ?? .replicated(rank: 0) }

  /// Follows converts back to the parameter they read (mixed-precision working copies).
  private static func source(_ id: NodeID, in graph: Graph) -> NodeID {
    if graph[id].op == .convert, let operand = graph[id].operands.first {
      return source(operand, in: graph)
    }
    return id
  }
}
