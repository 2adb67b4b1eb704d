import ShardlineIR

/// Which forward values a slice keeps for its backward pass (see ``StageCosting``'s discussion)
/// and their per-device bytes.
struct ActivationSet {
  let graph: Graph
  let users: [[NodeID]]
  let roles: [NodeID: InputRole]
  /// Per-device bytes of each node that has a decision.
  let bytes: [NodeID: Double]

  /// Stored bytes by layer: the values the backward reads, with element-wise and layout results
  /// replaced by the stored values they are recomputed from.
  func storedBytesByLayer(_ layerOf: [Int]) -> [Int: Double] {
    var roots = Set<NodeID>()
    var memo: [NodeID: [NodeID]] = [:]
    for node in graph.nodes where node.phase == .forward {
      guard users[node.id.rawValue].contains(where: { graph[$0].phase == .backward }) else {
        continue
      }
      roots.formUnion(storedRoots(of: node.id, memo: &memo))
    }
    var result: [Int: Double] = [:]
    for root in roots {
      result[layerOf[root.rawValue], default: 0] += bytes[root] ?? 0
    }
    return result
  }

  /// Per-device bytes of every layer's inputs: the non-persistent values a layer's forward ops
  /// read from outside the layer (or from the slice's inputs). What rematerialization keeps.
  func layerInputBytes(_ layerOf: [Int]) -> Double {
    var kept = Set<NodeID>()
    for node in graph.nodes where node.phase == .forward && node.op != .parameter {
      for operand in node.operands {
        let producer = graph[operand]
        let fromOutside =
          producer.op == .parameter || layerOf[operand.rawValue] != layerOf[node.id.rawValue]
        if fromOutside && !isPersistent(operand) && bytes[operand] != nil { kept.insert(operand) }
      }
    }
    return kept.reduce(0) { $0 + (bytes[$1] ?? 0) }
  }

  /// The most per-device bytes one op needs at once: its result and its distinct
  /// non-persistent operands.
  func largestOpFootprint() -> Double {
    var largest = 0.0
    for node in graph.nodes {
      guard let output = bytes[node.id], !isPersistent(node.id) else { continue }
      var footprint = output
      for operand in Set(node.operands) where !isPersistent(operand) {
        footprint += bytes[operand] ?? 0
      }
      largest = max(largest, footprint)
    }
    return largest
  }

  private func isPersistent(_ id: NodeID) -> Bool {
    switch roles[id] {
    case .parameter, .optimizerState: true
    case .batch, nil: false
    }
  }

  /// The stored values `id` stands for: itself if it is computed by an op worth storing (or is
  /// an input), else the stored roots of its operands. Persistent state and free values
  /// (constants) are never activations.
  private func storedRoots(of id: NodeID, memo: inout [NodeID: [NodeID]]) -> [NodeID] {
    if let known = memo[id] { return known }
    let node = graph[id]
    let result: [NodeID]
    if isPersistent(id) || bytes[id] == nil {
      result = []
    } else if Self.isRecomputable(node.op) {
      var roots: [NodeID] = []
      for operand in node.operands where graph[operand].phase == .forward {
        roots += storedRoots(of: operand, memo: &memo)
      }
      result = roots
    } else {
      result = [id]
    }
    memo[id] = result
    return result
  }

  /// Element-wise and layout ops, which a fusing compiler recomputes rather than stores.
  static func isRecomputable(_ op: Op) -> Bool {
    switch op {
    case .unary, .binary, .convert, .compare, .select, .broadcastInDim, .reshape, .transpose:
      true
    default:
      false
    }
  }
}
