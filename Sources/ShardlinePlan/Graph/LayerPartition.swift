import ShardlineIR

/// How a training graph's forward ops are grouped into the layers pipeline stages are made of.
public enum Layering: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The model's own layer annotations (``Node/layer``), in ascending order.
  case model
  /// Contiguous runs of forward ops: layer `l` starts at forward op number `starts[l]` (counting
  /// forward ops only, in node order); `starts[0]` is 0.
  case clustered(starts: [Int])

  /// `model` or `clustered into 16 layers`.
  public var description: String {
    switch self {
    case .model: "model layers"
    case .clustered(let starts): "clustered into \(starts.count) layers"
    }
  }
}

/// The layer of every node of a training graph.
///
/// Forward ops get their layer from the ``Layering``; a backward op gets the layer of the
/// forward op it differentiates (``Node/differentiates``); inputs and constants get the first
/// layer that reads them; what is left (optimizer updates, gradient sums) gets the last layer
/// among its operands. So a stage owning a layer runs its forward, backward and update.
public struct LayerPartition: Sendable, Hashable {
  /// Layer of each node, by node id.
  public let layerOfNode: [Int]
  /// Number of layers.
  public let layerCount: Int
  /// A display name per layer: the model's scope (`block3`) or `layer3`.
  public let names: [String]
  /// The nodes of each layer, ascending.
  public let membersOfLayer: [[NodeID]]

  /// Partitions `graph`.
  ///
  /// - Throws: ``PlanError/invalidLayering(reason:)`` when the model has no layer annotations,
  ///   a clustering does not fit the graph, or a layer would be empty.
  public init(graph: Graph, layering: Layering) throws(PlanError) {
    let count = graph.nodes.count
    var layer = [Int?](repeating: nil, count: count)
    var names: [String] = []
    switch layering {
    case .model:
      let annotated = Set(graph.nodes.filter { $0.phase == .forward }.compactMap(\.layer)).sorted()
      guard !annotated.isEmpty else {
        throw .invalidLayering(reason: "the graph has no layer annotations; cluster it instead")
      }
      let dense = Dictionary(uniqueKeysWithValues: annotated.enumerated().map { ($1, $0) })
      names = Array(repeating: "", count: annotated.count)
      for node in graph.nodes where node.phase == .forward && node.op != .parameter {
        guard let annotation = node.layer, let index = dense[annotation] else { continue }
        layer[node.id.rawValue] = index
        if names[index].isEmpty {
          names[index] = node.name.split(separator: "/").first.map(String.init) ?? "layer\(index)"
        }
      }
      for index in names.indices where names[index].isEmpty { names[index] = "layer\(index)" }
    case .clustered(let starts):
      let forward = graph.nodes.filter { $0.phase == .forward && $0.op != .parameter }
      guard let first = starts.first, first == 0,
        zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }),
        let last = starts.last, last < forward.count
      else {
        throw .invalidLayering(
          reason: "layer starts \(starts) do not split \(forward.count) forward ops")
      }
      var current = 0
      var scopes = [[String: Int]](repeating: [:], count: starts.count)
      for (position, node) in forward.enumerated() {
        while current + 1 < starts.count && starts[current + 1] <= position { current += 1 }
        layer[node.id.rawValue] = current
        if let scope = Self.scope(of: node.name) { scopes[current][scope, default: 0] += 1 }
      }
      names = Self.clusteredNames(from: scopes)
    }
    Self.propagate(&layer, in: graph)
    let resolved = layer.map { $0 ?? 0 }
    let populated = Set(resolved)
    for index in names.indices where !populated.contains(index) {
      throw .invalidLayering(reason: "layer \(names[index]) has no ops")
    }
    var members = [[NodeID]](repeating: [], count: names.count)
    for (node, index) in resolved.enumerated() { members[index].append(NodeID(node)) }
    layerOfNode = resolved
    layerCount = names.count
    self.names = names
    membersOfLayer = members
  }

  /// Gives the unassigned nodes a layer (see the type's discussion): backward ops from their
  /// forward op; then inputs from their first reader; then ops from their latest operand
  /// (an update sits with its parameter's gradient); then whatever is left (constants, values
  /// computed from constants only, optimizer counters) from its first reader.
  private static func propagate(_ layer: inout [Int?], in graph: Graph) {
    for node in graph.nodes where node.phase == .backward && layer[node.id.rawValue] == nil {
      if let source = node.differentiates { layer[node.id.rawValue] = layer[source.rawValue] }
    }
    let users = graph.users()
    func fromReaders(onlyInputs: Bool) {
      for node in graph.nodes.reversed() where layer[node.id.rawValue] == nil {
        if onlyInputs && !node.operands.isEmpty { continue }
        layer[node.id.rawValue] = users[node.id.rawValue].compactMap { layer[$0.rawValue] }.min()
      }
    }
    func fromOperands() {
      for node in graph.nodes where layer[node.id.rawValue] == nil {
        layer[node.id.rawValue] = node.operands.compactMap { layer[$0.rawValue] }.max()
      }
    }
    fromReaders(onlyInputs: true)
    fromOperands()
    fromReaders(onlyInputs: false)
    fromOperands()
  }

  /// The model scope a node's name starts with (`block3` of `block3/attn/qkv`, and of JAX's
  /// `jvp(GPT)/block3/SelfAttention_0/dot_general`, whose transformation wrappers are skipped),
  /// or `nil` for a name with no scope.
  static func scope(of name: String) -> String? {
    let parts = name.split(separator: "/").drop { part in
      part.hasSuffix(")") && part.contains("(")
    }
    guard parts.count >= 2, let first = parts.first else { return nil }
    return String(first)
  }

  /// A name for each clustered layer: the scope most of its forward ops are in (the first in
  /// order on a tie), else `layer<i>`; a scope spanning several layers numbers its later ones
  /// (`block0`, `block0.2`).
  static func clusteredNames(from scopes: [[String: Int]]) -> [String] {
    var seen: [String: Int] = [:]
    return scopes.enumerated().map { index, counts in
      guard let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else {
        return "layer\(index)"
      }
      seen[best, default: 0] += 1
      let repeats = seen[best] ?? 1
      return repeats == 1 ? best : "\(best).\(repeats)"
    }
  }

  /// The nodes of layers `layers`, ascending.
  public func nodes(inLayers layers: ClosedRange<Int>) -> [NodeID] {
    layers.count == 1
      ? membersOfLayer[layers.lowerBound]
      : layers.flatMap { membersOfLayer[$0] }.sorted { $0.rawValue < $1.rawValue }
  }
}
