extension ILPSolution {
  /// Checks this solution's choices against `problem` without any solver.
  ///
  /// - Parameter problem: The problem the solution claims to solve.
  /// - Returns: Violations, the cost breakdown and every memory row's bytes.
  /// - Complexity: O(nodes + Σ edge matrix sizes + Σ memory terms).
  public func evaluate(against problem: ShardingILP) -> ILPEvaluation {
    problem.evaluate(choices)
  }
}

extension ShardingILP {
  /// Slack a memory row may exceed its budget by before it counts as exceeded: 1e-9 of the
  /// budget (at least 1e-9 bytes), covering floating-point summation order.
  static func exceedsBudget(_ usedBytes: Double, _ budgetBytes: Double) -> Bool {
    usedBytes - budgetBytes > 1e-9 * max(abs(budgetBytes), 1)
  }

  /// Evaluates an assignment; the engine behind ``ILPSolution/evaluate(against:)``.
  func evaluate(_ choices: [Int]) -> ILPEvaluation {
    var violations: [ILPEvaluation.Violation] = []
    if choices.count != nodes.count {
      violations.append(.wrongLength(expected: nodes.count, actual: choices.count))
    }
    // A choice usable for cost lookups, or nil when missing or out of range.
    func choice(_ node: Int) -> Int? {
      guard node >= 0, node < nodes.count, node < choices.count,
        nodes[node].costs.indices.contains(choices[node])
      else { return nil }
      return choices[node]
    }
    var nodeCost = 0.0
    for (index, node) in nodes.enumerated() where index < choices.count {
      guard let chosen = choice(index) else {
        violations.append(
          .indexOutOfRange(node: index, index: choices[index], strategyCount: node.costs.count))
        continue
      }
      nodeCost += node.costs[chosen]
      if let pinned = node.pinned, pinned != chosen {
        violations.append(.pinIgnored(node: index, pinned: pinned, chosen: chosen))
      }
    }
    var edgeCost = 0.0
    for edge in edges {
      guard let i = choice(edge.from), let j = choice(edge.to) else { continue }
      let index = i * nodes[edge.to].costs.count + j
      if edge.costs.indices.contains(index) { edgeCost += edge.costs[index] }
    }
    for (index, alias) in aliases.enumerated() {
      guard let first = choice(alias.first), let second = choice(alias.second) else { continue }
      if first != second {
        violations.append(.aliasBroken(alias: index, first: alias.first, second: alias.second))
      }
    }
    var memory: [Double] = []
    for (index, row) in memoryRows.enumerated() {
      var used = 0.0
      for term in row.terms {
        if let chosen = choice(term.node), term.bytes.indices.contains(chosen) {
          used += term.bytes[chosen]
        }
      }
      memory.append(used)
      if Self.exceedsBudget(used, row.budgetBytes) {
        violations.append(
          .memoryExceeded(row: index, label: row.label, bytesOver: used - row.budgetBytes))
      }
    }
    return ILPEvaluation(
      violations: violations, nodeCostSeconds: nodeCost, edgeCostSeconds: edgeCost,
      memoryBytes: memory)
  }
}
