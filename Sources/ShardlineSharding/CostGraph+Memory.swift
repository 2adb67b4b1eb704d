import ShardlineIR
import ShardlineSolver

/// Per-device memory over the step, for the ILP's memory rows and for reporting peak memory.
///
/// Ops run in node order. A value is alive from the op that produces it to its last reader (to
/// the end for graph outputs); parameters and optimizer state are alive from the start until
/// their update produces the value that replaces them. Free values
/// are transient and not counted.
extension CostGraph {
  /// For each node, the position of its last reader (the end for outputs and persistent state).
  static func lastUses(in graph: Graph) -> [Int] {
    var last = graph.nodes.map(\.id.rawValue)
    for node in graph.nodes {
      for operand in node.operands {
        last[operand.rawValue] = max(last[operand.rawValue], node.id.rawValue)
      }
    }
    let end = graph.nodes.count
    for output in graph.outputs { last[output.node.rawValue] = end }
    // Persistent state lives to the end, unless an output replaces it: the update then writes in
    // place (a donated buffer), so the old value dies where the new one is produced.
    let replacedAt = Dictionary(
      graph.outputs.compactMap { output in output.replaces.map { ($0, output.node.rawValue) } },
      uniquingKeysWith: max)
    for input in graph.inputs where input.role != .batch {
      let node = input.node.rawValue
      last[node] = replacedAt[input.node].map { max(last[node], $0) } ?? end
    }
    return last
  }

  /// Positions worth a memory row: those where the most bytes would be alive if everything were
  /// replicated, among the positions of heavy ops and the first backward op, at most `limit`.
  func memoryCheckpoints(in graph: Graph, limit: Int) -> [Int] {
    let last = Self.lastUses(in: graph)
    var delta = Array(repeating: 0.0, count: graph.nodes.count + 2)
    for node in graph.nodes where owner[node.id] != nil {
      let bytes = Double(node.type.byteCount)
      let start =
        graph.inputs.contains { $0.node == node.id && $0.role != .batch } ? 0 : node.id.rawValue
      delta[start] += bytes
      delta[last[node.id.rawValue] + 1] -= bytes
    }
    var candidates: [(position: Int, bytes: Double)] = []
    var live = 0.0
    var sawBackward = false
    for node in graph.nodes {
      live += delta[node.id.rawValue]
      let firstBackward = node.phase == .backward && !sawBackward
      sawBackward = sawBackward || node.phase == .backward
      switch node.op {
      case .dotGeneral, .convolution, .gather, .scatterAdd:
        candidates.append((node.id.rawValue, live))
      default:
        if firstBackward { candidates.append((node.id.rawValue, live)) }
      }
    }
    return candidates.sorted { ($0.bytes, -$0.position) > ($1.bytes, -$1.position) }
      .prefix(limit).map(\.position).sorted()
  }

  /// Memory rows bounding per-device bytes by `budgetBytes` at the checkpoints.
  func memoryRows(in graph: Graph, budgetBytes: Double, limit: Int = 8) -> [ShardingILP.MemoryRow] {
    let last = Self.lastUses(in: graph)
    let persistent = Set(graph.inputs.filter { $0.role != .batch }.map(\.node))
    return memoryCheckpoints(in: graph, limit: limit).map { position in
      var perGroup: [Int: [Double]] = [:]
      for (node, (group, member)) in owner {
        let alive =
          (persistent.contains(node) || node.rawValue <= position)
          && last[node.rawValue] >= position
        guard alive else { continue }
        let bytes = groups[group].members[member].strategies.map(\.outputBytesPerDevice)
        perGroup[group, default: Array(repeating: 0, count: bytes.count)] =
          zip(perGroup[group] ?? Array(repeating: 0, count: bytes.count), bytes).map(+)
      }
      let terms = perGroup.keys.sorted().map {
        ShardingILP.MemoryRow.Term(node: $0, bytes: perGroup[$0]!)
      }
      return ShardingILP.MemoryRow(
        terms: terms, budgetBytes: budgetBytes, label: "at \(graph.nodes[position].name)")
    }
  }
}
