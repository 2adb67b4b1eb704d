import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// The text `shardline shard` prints: a per-op table, the collectives, and the totals.
struct ShardReport {
  let plan: IntraOpPlan
  let graph: Graph
  let deviceMemoryBytes: Int
  /// Whether to list every op rather than heavy ones and those that communicate.
  let all: Bool

  private func isHeavy(_ op: IntraOpPlan.OpDecision) -> Bool {
    switch graph[op.node].op {
    case .dotGeneral, .convolution, .gather, .scatterAdd: true
    default: op.communicationSeconds > 0
    }
  }

  var text: String {
    let table = TextTable(header: ["op", "shape", "spec", "strategy", "comm", "time"])
    let shown = all ? plan.ops : plan.ops.filter(isHeavy)
    for op in shown {
      table.add([
        op.name, op.type, op.spec.description, op.strategy,
        op.communicationSeconds > 0 ? Format.seconds(op.communicationSeconds) : "-",
        Format.seconds(op.computeSeconds + op.communicationSeconds),
      ])
    }
    var lines = [table.render(), ""]
    if !all && shown.count < plan.ops.count {
      lines.append(
        "(\(plan.ops.count - shown.count) light ops without communication not listed; --all lists them)"
      )
    }
    lines.append(contentsOf: collectiveSummary())
    let solver = plan.solver
    let memory = plan.peakMemoryBytesPerDevice
    lines += [
      "mesh         \(plan.mesh)",
      "compute      \(Format.seconds(plan.computeSeconds))",
      "communicate  \(Format.seconds(plan.communicationSeconds))",
      "total        \(Format.seconds(plan.totalSeconds)) per step (ops in sequence, no overlap)",
      "memory       \(Format.bytes(memory)) peak per device of \(Format.bytes(Double(deviceMemoryBytes)))"
        + (memory > Double(deviceMemoryBytes) ? " — does not fit" : ""),
      "ILP          \(solver.status) in \(Format.seconds(solver.seconds)); "
        + "\(solver.unmergedNodes) ops → \(solver.nodes) decisions after merging followers, "
        + "\(solver.unmergedVariables) → \(solver.variables) variables, \(solver.constraints) constraints "
        + "(\(solver.presolvedVariables) variables after presolve)",
    ]
    return lines.joined(separator: "\n")
  }

  /// One line per (collective kind, axes): count and bytes.
  private func collectiveSummary() -> [String] {
    var totals: [String: (count: Int, bytes: Double, seconds: Double)] = [:]
    for collective in plan.collectives {
      let key = Collective(kind: collective.kind, axes: collective.axes, bytes: 0, seconds: 0)
        .description.replacingOccurrences(of: ", 0 B", with: "")
      let old = totals[key] ?? (0, 0, 0)
      totals[key] = (old.count + 1, old.bytes + collective.bytes, old.seconds + collective.seconds)
    }
    guard !totals.isEmpty else { return ["collectives  none", ""] }
    return totals.keys.sorted().map { key in
      let t = totals[key]!
      return
        "collectives  \(t.count) × \(key): \(Format.bytes(t.bytes)), \(Format.seconds(t.seconds))"
    } + [""]
  }
}
