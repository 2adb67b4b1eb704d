import ShardlineIR

/// The expert parameters of a mixture-of-experts graph: the weights whose leading dimension
/// indexes experts, which DeepSpeed-MoE's expert parallelism splits over devices.
///
/// A weight is an expert weight when a `dot_general` batches over its first dimension and it
/// has rank 3 (GShard's `[E, in, out]` kernels, read directly or through a `convert` to the
/// compute type); a bias is an expert bias when it sits beside one (`…/b` next to `…/w`) and has
/// the same leading size. Dense models have none.
public struct ExpertParameters: Sendable, Hashable {
  /// The expert weights and biases, by node.
  public let nodes: Set<NodeID>
  /// The number of experts: the leading size the expert weights share (their greatest common
  /// divisor if they differ); `nil` for a graph without experts.
  public let expertCount: Int?

  /// Finds the expert parameters of `graph`.
  ///
  /// - Complexity: O(nodes + inputs).
  public init(graph: Graph) {
    let parameters = Set(graph.inputs.filter { $0.role == .parameter }.map(\.node))
    var weights = Set<NodeID>()
    for node in graph.nodes {
      guard case .dotGeneral(let dimensions) = node.op, node.operands.count == 2 else { continue }
      for (position, batch) in [dimensions.lhsBatch, dimensions.rhsBatch].enumerated()
      where batch.contains(0) {
        let source = Self.source(node.operands[position], in: graph)
        if parameters.contains(source) && graph[source].type.rank == 3 { weights.insert(source) }
      }
    }
    let weightNames = Dictionary(
      weights.map { (graph[$0].name, graph[$0].type.shape[0]) }, uniquingKeysWith: { a, _ in a })
    var members = weights
    for id in parameters where !weights.contains(id) {
      let node = graph[id]
      guard node.name.hasSuffix("/b"), node.type.rank >= 1,
        weightNames[String(node.name.dropLast()) + "w"] == node.type.shape[0]
      else { continue }
      members.insert(id)
    }
    nodes = members
    expertCount = weights.map { graph[$0].type.shape[0] }.reduce(nil) { common, size in
      common.map { Self.gcd($0, size) } ?? size
    }
  }

  /// Whether `id` is an expert weight or bias.
  public func contains(_ id: NodeID) -> Bool { nodes.contains(id) }

  /// Follows converts back to the value they read (mixed-precision working copies).
  private static func source(_ id: NodeID, in graph: Graph) -> NodeID {
    if graph[id].op == .convert, let operand = graph[id].operands.first {
      return source(operand, in: graph)
    }
    return id
  }

  private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
