/// Exact reductions applied before a problem reaches a MIP backend, and the way back.
///
/// 1. Alias classes become one decision: their node costs and memory bytes add up, and edges
///    inside a class become diagonal node costs (`s_a = s_b` substituted rather than added as
///    rows).
/// 2. Pinned and single-strategy decisions are fixed: an edge from a fixed decision to a free one
///    becomes a node cost on the free one, and fixed bytes leave memory rows' budgets.
/// 3. Parallel edges merge, edges with all-zero costs vanish, and memory rows that cannot
///    overflow even at every decision's largest bytes vanish.
/// 4. Leaf elimination, repeated: a free decision `u` in no memory row whose only neighbour is
///    `v` folds `min_i (c_u[i] + R_uv[i, j])` into `c_v[j]` and remembers the minimizing `i`
///    (lowest on ties) for each `j`; a decision with no neighbour takes its cheapest strategy.
///    Tree-like parts of a graph collapse entirely.
///
/// Every step keeps the optimum: ``expand(_:)`` turns an optimal reduced assignment into an
/// optimal original one with the same cost.
struct ILPPresolve: Sendable {
  /// The remaining problem: no pins, no aliases, every edge with `from < to` and a nonzero cost.
  let reduced: ShardingILP
  /// A memory row that its fixed decisions alone overflow, if any; the problem is infeasible.
  let overflowingRow: Int?
  private let groupOfNode: [Int]
  private let representative: [Int]
  private let fixedChoice: [Int?]
  private let groupOfReduced: [Int]
  private let eliminations: [Elimination]

  /// One folded leaf: its choice as a function of its neighbour's (or a constant when alone).
  private struct Elimination: Sendable {
    let leaf: Int
    let neighbour: Int?
    let best: [Int]
  }

  /// Reduces a validated problem.
  init(_ problem: ShardingILP) {
    let group = problem.aliasGroups()
    let groupCount = (group.max() ?? -1) + 1
    var representative = [Int](repeating: 0, count: groupCount)
    for node in problem.nodes.indices.reversed() { representative[group[node]] = node }
    var cost = representative.map { [Double](repeating: 0, count: problem.nodes[$0].costs.count) }
    var fixed = [Int?](repeating: nil, count: groupCount)
    for (node, g) in group.enumerated() {
      for (i, c) in problem.nodes[node].costs.enumerated() { cost[g][i] += c }
      if let pinned = problem.nodes[node].pinned { fixed[g] = pinned }
    }
    for g in 0..<groupCount where cost[g].count == 1 { fixed[g] = 0 }

    var pairs: [(a: Int, b: Int, costs: [Double])] = []
    var pairIndex: [Int: Int] = [:]
    for edge in problem.edges {
      let (gu, gv) = (group[edge.from], group[edge.to])
      let (height, width) = (cost[gu].count, cost[gv].count)
      switch (fixed[gu], fixed[gv]) {
      case (.some, .some):
        continue
      case (.some(let i), nil):
        for j in 0..<width { cost[gv][j] += edge.costs[i * width + j] }
      case (nil, .some(let j)):
        for i in 0..<height { cost[gu][i] += edge.costs[i * width + j] }
      case (nil, nil) where gu == gv:
        for i in 0..<width { cost[gu][i] += edge.costs[i * width + i] }
      case (nil, nil):
        let key = min(gu, gv) * groupCount + max(gu, gv)
        let k = pairIndex[key] ?? pairs.count
        if k == pairs.count {
          pairIndex[key] = k
          pairs.append((min(gu, gv), max(gu, gv), [Double](repeating: 0, count: height * width)))
        }
        for i in 0..<height {
          for j in 0..<width {
            pairs[k].costs[gu < gv ? i * width + j : j * height + i] += edge.costs[i * width + j]
          }
        }
      }
    }

    var rows: [ShardingILP.MemoryRow] = []
    var inMemory = [Bool](repeating: false, count: groupCount)
    var overflowing: Int?
    for (r, row) in problem.memoryRows.enumerated() {
      var fixedBytes = 0.0
      var terms: [ShardingILP.MemoryRow.Term] = []
      var termIndex: [Int: Int] = [:]
      for term in row.terms {
        let g = group[term.node]
        if let f = fixed[g] {
          fixedBytes += term.bytes[f]
        } else if let t = termIndex[g] {
          for i in term.bytes.indices { terms[t].bytes[i] += term.bytes[i] }
        } else {
          termIndex[g] = terms.count
          terms.append(.init(node: g, bytes: term.bytes))
        }
      }
      let worst = terms.reduce(fixedBytes) { $0 + ($1.bytes.max() ?? 0) }
      if !ShardingILP.exceedsBudget(worst, row.budgetBytes) { continue }
      if terms.isEmpty {
        overflowing = overflowing ?? r
        continue
      }
      for term in terms { inMemory[term.node] = true }
      rows.append(.init(terms: terms, budgetBytes: row.budgetBytes - fixedBytes, label: row.label))
    }

    var adjacency = [[Int]](repeating: [], count: groupCount)
    var alive = pairs.map { $0.costs.contains { $0 != 0 } }
    for (k, pair) in pairs.enumerated() where alive[k] {
      adjacency[pair.a].append(k)
      adjacency[pair.b].append(k)
    }
    var degree = adjacency.map(\.count)
    var eliminated = [Bool](repeating: false, count: groupCount)
    var eliminations: [Elimination] = []
    var queue = (0..<groupCount).filter { fixed[$0] == nil && !inMemory[$0] && degree[$0] <= 1 }
    var head = 0
    while head < queue.count {
      let g = queue[head]
      head += 1
      if eliminated[g] { continue }
      eliminated[g] = true
      guard let k = adjacency[g].first(where: { alive[$0] }) else {
        let cheapest = cost[g].indices.min { cost[g][$0] < cost[g][$1] } ?? 0
        eliminations.append(Elimination(leaf: g, neighbour: nil, best: [cheapest]))
        continue
      }
      alive[k] = false
      let pair = pairs[k]
      let h = pair.a == g ? pair.b : pair.a
      let (ng, nh) = (cost[g].count, cost[h].count)
      var best = [Int](repeating: 0, count: nh)
      for j in 0..<nh {
        var bestValue = Double.infinity
        for i in 0..<ng {
          let value = cost[g][i] + (pair.a == g ? pair.costs[i * nh + j] : pair.costs[j * ng + i])
          if value < bestValue {
            bestValue = value
            best[j] = i
          }
        }
        cost[h][j] += bestValue
      }
      eliminations.append(Elimination(leaf: g, neighbour: h, best: best))
      degree[h] -= 1
      if !inMemory[h], degree[h] <= 1, !eliminated[h] { queue.append(h) }
    }

    var reducedIndex = [Int?](repeating: nil, count: groupCount)
    var kept: [Int] = []
    for g in 0..<groupCount where fixed[g] == nil && !eliminated[g] {
      reducedIndex[g] = kept.count
      kept.append(g)
    }
    var edges: [ShardingILP.Edge] = []
    for (k, pair) in pairs.enumerated() where alive[k] {
      guard let from = reducedIndex[pair.a], let to = reducedIndex[pair.b] else { continue }
      edges.append(.init(from: from, to: to, costs: pair.costs))
    }
    let reducedRows = rows.map { row in
      ShardingILP.MemoryRow(
        terms: row.terms.compactMap { term in
          reducedIndex[term.node].map { .init(node: $0, bytes: term.bytes) }
        },
        budgetBytes: row.budgetBytes, label: row.label)
    }
    reduced = ShardingILP(
      nodes: kept.map { .init(costs: cost[$0], label: problem.nodes[representative[$0]].label) },
      edges: edges, memoryRows: reducedRows)
    overflowingRow = overflowing
    groupOfNode = group
    self.representative = representative
    fixedChoice = fixed
    groupOfReduced = kept
    self.eliminations = eliminations
  }

  /// Turns an assignment of ``reduced`` into one of the original problem.
  func expand(_ reducedChoices: [Int]) -> [Int] {
    var choice = fixedChoice
    for (r, g) in groupOfReduced.enumerated() { choice[g] = reducedChoices[r] }
    for step in eliminations.reversed() {
      choice[step.leaf] = step.best[step.neighbour.flatMap { choice[$0] } ?? 0]
    }
    return groupOfNode.map { choice[$0] ?? 0 }
  }

  /// Maps an original assignment onto ``reduced``, or `nil` when it breaks a pin or an alias.
  func reducedStart(_ start: [Int]) -> [Int]? {
    for (node, g) in groupOfNode.enumerated() {
      if start[node] != start[representative[g]] { return nil }
      if let f = fixedChoice[g], f != start[node] { return nil }
    }
    return groupOfReduced.map { start[representative[$0]] }
  }
}
