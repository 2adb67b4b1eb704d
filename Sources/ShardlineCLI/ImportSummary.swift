import ShardlineHardware
import ShardlineIR
import ShardlineImport

/// What `shardline import --summary` prints: the step's arguments and results with the roles
/// the importer gave them, and its ops by phase.
enum ImportSummary {
  /// The summary of `imported`.
  static func render(_ imported: ImportedModel) -> String {
    let graph = imported.graph
    let ops = graph.nodes.filter { $0.op != .parameter }
    var lines = [
      "\(graph.name): \(ops.count) ops, \(graph.parameterCount) parameter elements "
        + "(\(Format.bytes(Double(graph.parameterBytes))))"
    ]
    let arguments = TextTable(header: ["#", "argument", "type", "role"])
    for (index, input) in graph.inputs.enumerated() {
      arguments.add([
        "\(index)", graph[input.node].name, graph[input.node].type.description,
        role(of: input, in: graph),
      ])
    }
    lines.append(arguments.render())
    let results = TextTable(header: ["#", "result", "type", "role"])
    for (index, output) in graph.outputs.enumerated() {
      results.add([
        "\(index)", graph[output.node].name, graph[output.node].type.description,
        role(of: output, in: graph),
      ])
    }
    lines.append(results.render())
    if !imported.argumentShardings.isEmpty { lines.append(shardings(imported)) }
    lines.append(phases(of: ops))
    return lines.joined(separator: "\n\n")
  }

  private static func role(of input: GraphInput, in graph: Graph) -> String {
    switch input.role {
    case .parameter: return "parameter"
    case .batch: return "batch"
    case .optimizerState:
      let slot = input.slot.map { " \($0)" } ?? ""
      guard let parameter = input.parameter else { return "optimizer state\(slot)" }
      return "optimizer state\(slot) of \(graph[parameter].name)"
    }
  }

  private static func role(of output: GraphOutput, in graph: Graph) -> String {
    let replaced = output.replaces.map { " of \(graph[$0].name)" } ?? ""
    switch output.role {
    case .loss: return "loss"
    case .updatedParameter: return "new value\(replaced)"
    case .updatedOptimizerState: return "new state\(replaced)"
    case .value: return "value"
    }
  }

  /// The `sdy.sharding` annotations: each argument's dimensions and the mesh axes they are
  /// split over (`params.w1  [{}, {"model"}]  on mesh data=2, model=4`).
  private static func shardings(_ imported: ImportedModel) -> String {
    let table = TextTable(header: ["sharded argument", "dimensions", "mesh"])
    for sharding in imported.argumentShardings {
      let dimensions = sharding.dimensions.map { axes in
        "{" + axes.map { "\"\($0)\"" }.joined(separator: ", ") + "}"
      }
      table.add([
        imported.graph[sharding.node].name, "[" + dimensions.joined(separator: ", ") + "]",
        sharding.meshAxes.map { "\($0.name)=\($0.size)" }.joined(separator: ", "),
      ])
    }
    return table.render()
  }

  /// `forward 412 ops (dot_general 12, add 40, …), backward …, update …`, one line a phase.
  private static func phases(of ops: [Node]) -> String {
    Phase.allCases.map { phase in
      let members = ops.filter { $0.phase == phase }
      var counts: [String: Int] = [:]
      for node in members { counts[node.op.kindName, default: 0] += 1 }
      let common = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(6)
        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
      return "\(phase.rawValue): \(members.count) ops" + (common.isEmpty ? "" : " (\(common), …)")
    }.joined(separator: "\n")
  }
}
