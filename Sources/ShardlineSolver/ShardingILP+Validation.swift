extension ShardingILP {
  /// The size of Alpa's direct formulation (§4.2) before any presolve: one binary per node
  /// strategy, one per strategy pair of each edge with a nonzero cost, one-hot rows, row- and
  /// column-sum rows per edge, one row per alias strategy, and the memory rows.
  ///
  /// This is the "before presolve" figure; ``ILPSolution/solvedFormulation`` is the "after".
  public var directFormulationSize: FormulationSize {
    var variables = 0
    var constraints = nodes.count
    var nonzeros = 0
    for node in nodes {
      variables += node.costs.count
      nonzeros += node.costs.count
    }
    for edge in edges where edge.costs.contains(where: { $0 != 0 }) {
      let rows = nodes[edge.from].costs.count
      let columns = nodes[edge.to].costs.count
      variables += rows * columns
      constraints += rows + columns
      nonzeros += 2 * rows * columns + rows + columns
    }
    for alias in aliases {
      constraints += nodes[alias.first].costs.count
      nonzeros += 2 * nodes[alias.first].costs.count
    }
    for row in memoryRows {
      constraints += 1
      nonzeros += row.terms.reduce(0) { $0 + $1.bytes.count(where: { $0 != 0 }) }
    }
    return FormulationSize(variables: variables, constraints: constraints, nonzeros: nonzeros)
  }

  /// Checks that the problem and limits are well formed and that no two nodes joined by aliases
  /// are pinned apart.
  ///
  /// - Throws: ``SolverError/invalidProblem(reason:)`` naming the first malformed part, or
  ///   ``SolverError/infeasible(reason:)`` with ``SolverError/Infeasibility/conflictingPins``.
  func validate(_ limits: SolverLimits) throws(SolverError) {
    func fail(_ reason: String) -> SolverError { .invalidProblem(reason: reason) }
    for (index, node) in nodes.enumerated() {
      let name = "node \(index) (\(node.label))"
      if node.costs.isEmpty { throw fail("\(name) has no strategies") }
      if let bad = node.costs.first(where: { !$0.isFinite }) {
        throw fail("\(name) has a non-finite cost \(bad)")
      }
      if let pinned = node.pinned, !node.costs.indices.contains(pinned) {
        throw fail("\(name) is pinned to \(pinned) but has \(node.costs.count) strategies")
      }
    }
    let valid = nodes.indices
    for (index, edge) in edges.enumerated() {
      guard valid.contains(edge.from), valid.contains(edge.to), edge.from != edge.to else {
        throw fail("edge \(index) joins nodes \(edge.from) and \(edge.to)")
      }
      let expected = nodes[edge.from].costs.count * nodes[edge.to].costs.count
      if edge.costs.count != expected {
        throw fail("edge \(index) has \(edge.costs.count) costs, expected \(expected)")
      }
      if edge.costs.contains(where: { !$0.isFinite }) {
        throw fail("edge \(index) has a non-finite cost")
      }
    }
    for (index, alias) in aliases.enumerated() {
      guard valid.contains(alias.first), valid.contains(alias.second) else {
        throw fail("alias \(index) joins nodes \(alias.first) and \(alias.second)")
      }
      if nodes[alias.first].costs.count != nodes[alias.second].costs.count {
        throw fail(
          "alias \(index) joins node \(alias.first) (\(nodes[alias.first].costs.count) "
            + "strategies) and node \(alias.second) (\(nodes[alias.second].costs.count))")
      }
    }
    for row in memoryRows {
      if row.budgetBytes.isNaN { throw fail("memory row \(row.label) has a NaN budget") }
      var seen = Set<Int>()
      for term in row.terms {
        guard valid.contains(term.node), seen.insert(term.node).inserted else {
          throw fail("memory row \(row.label) names node \(term.node) twice or out of range")
        }
        if term.bytes.count != nodes[term.node].costs.count
          || term.bytes.contains(where: { !$0.isFinite })
        {
          throw fail("memory row \(row.label) has bad bytes for node \(term.node)")
        }
      }
    }
    try validateLimits(limits)
    try checkPinsAgainstAliases()
  }

  private func validateLimits(_ limits: SolverLimits) throws(SolverError) {
    guard limits.timeLimitSeconds > 0, limits.relativeGap >= 0, limits.relativeGap.isFinite,
      limits.threads >= 1
    else {
      throw .invalidProblem(reason: "limits need a positive time, a gap ≥ 0 and ≥ 1 thread")
    }
    if let start = limits.warmStart {
      guard start.count == nodes.count,
        zip(start, nodes).allSatisfy({ $1.costs.indices.contains($0) })
      else {
        throw .invalidProblem(reason: "the warm start needs one in-range index per node")
      }
    }
  }

  private func checkPinsAgainstAliases() throws(SolverError) {
    let group = aliasGroups()
    var pinner: [Int: Int] = [:]
    for (index, node) in nodes.enumerated() {
      guard let pinned = node.pinned else { continue }
      guard let other = pinner[group[index]] else {
        pinner[group[index]] = index
        continue
      }
      if let otherPin = nodes[other].pinned, otherPin != pinned {
        throw .infeasible(
          reason: .conflictingPins(
            first: nodes[other].label, firstPin: otherPin, second: node.label, secondPin: pinned))
      }
    }
  }

  /// The alias class of every node: nodes joined by a chain of aliases share a group, numbered
  /// in order of each group's lowest node index.
  func aliasGroups() -> [Int] {
    var parent = Array(nodes.indices)
    func root(_ node: Int) -> Int {
      var node = node
      while parent[node] != node {
        parent[node] = parent[parent[node]]
        node = parent[node]
      }
      return node
    }
    for alias in aliases {
      let (a, b) = (root(alias.first), root(alias.second))
      if a != b { parent[max(a, b)] = min(a, b) }
    }
    var number: [Int: Int] = [:]
    return nodes.indices.map { node in
      let r = root(node)
      if let known = number[r] { return known }
      let fresh = number.count
      number[r] = fresh
      return fresh
    }
  }
}
