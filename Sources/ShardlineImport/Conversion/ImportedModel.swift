import ShardlineIR

/// The result of importing a StableHLO training step.
public struct ImportedModel: Sendable {
  /// The training-step graph, validated, with roles, phases and `differentiates` inferred.
  public var graph: Graph
  /// The shardings `main`'s arguments ask for (`sdy.sharding`), in argument order; arguments
  /// without one are absent.
  public var argumentShardings: [ArgumentSharding]

  /// Creates a model.
  public init(graph: Graph, argumentShardings: [ArgumentSharding] = []) {
    self.graph = graph
    self.argumentShardings = argumentShardings
  }

  /// What a `--summary` prints: op counts, phases, inputs and outputs with their roles.
  public var summary: ImportSummary { ImportSummary(graph: graph) }
}

/// A readable account of an imported graph, for the CLI's `--summary`.
public struct ImportSummary: Sendable, Hashable, CustomStringConvertible {
  /// Nodes per op kind (``Op/kindName``), parameters excluded, most frequent first.
  public var opCounts: [(kind: String, count: Int)]
  /// Nodes per phase, parameters excluded.
  public var phaseCounts: [Phase: Int]
  /// One line per input: `params.w1 f32[4,8] parameter`.
  public var inputs: [String]
  /// One line per output: `loss f32[] loss`.
  public var outputs: [String]

  /// Summarizes `graph`.
  public init(graph: Graph) {
    let ops = graph.nodes.filter { $0.op != .parameter }
    let counts = ops.reduce(into: [String: Int]()) { $0[$1.op.kindName, default: 0] += 1 }
    opCounts = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
      (kind: $0.key, count: $0.value)
    }
    phaseCounts = ops.reduce(into: [:]) { $0[$1.phase, default: 0] += 1 }
    inputs = graph.inputs.map { input in
      let node = graph[input.node]
      var line = "\(node.name) \(node.type) \(input.role.rawValue)"
      if let slot = input.slot { line += " slot=\(slot)" }
      if let owner = input.parameter { line += " of \(graph[owner].name)" }
      return line
    }
    outputs = graph.outputs.map { output in
      let node = graph[output.node]
      var line = "\(node.name) \(node.type) \(output.role.rawValue)"
      if let replaced = output.replaces { line += " replaces \(graph[replaced].name)" }
      return line
    }
  }

  /// Whether two summaries read the same.
  public static func == (lhs: ImportSummary, rhs: ImportSummary) -> Bool {
    lhs.description == rhs.description
  }

  /// Hashes the summary's text.
  public func hash(into hasher: inout Hasher) { hasher.combine(description) }

  /// The summary as lines of text.
  public var description: String {
    let phases = Phase.allCases.map { "\($0.rawValue) \(phaseCounts[$0, default: 0])" }
    return
      ([
        "ops: " + opCounts.map { "\($0.kind) \($0.count)" }.joined(separator: ", "),
        "phases: " + phases.joined(separator: ", "), "inputs:",
      ]
      + inputs.map { "  " + $0 } + ["outputs:"] + outputs.map { "  " + $0 })
      .joined(separator: "\n")
  }
}
