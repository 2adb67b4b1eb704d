/// Coordinate descent on an ILP too large for the MIP backend: every decision in turn takes the
/// choice that is cheapest with all others fixed, until a sweep changes nothing.
///
/// Memory rows enter as a penalty of ``penaltySecondsPerGiB`` per GiB over budget, so the search
/// is pushed back into the feasible region; the result can still break a row, which the caller
/// checks. It finds a local optimum only, from the warm start or else each decision's cheapest
/// choice on its own.
struct LocalSearch {
  /// Penalty per GiB of memory over a row's budget, in seconds: far above any step time.
  static let penaltySecondsPerGiB = 1e4

  let problem: ShardingILP

  /// A local optimum reached from `start` within `deadline`.
  func solve(start: [Int]?, deadline: ContinuousClock.Instant) -> [Int] {
    let nodes = problem.nodes
    var choices =
      start
      ?? nodes.map { node in node.costs.indices.min { node.costs[$0] < node.costs[$1] } ?? 0 }
    var incident = [[Int]](repeating: [], count: nodes.count)
    for (e, edge) in problem.edges.enumerated() {
      incident[edge.from].append(e)
      incident[edge.to].append(e)
    }
    var rowsOfNode = [[(row: Int, bytes: [Double])]](repeating: [], count: nodes.count)
    var rowTotals = [Double](repeating: 0, count: problem.memoryRows.count)
    for (r, row) in problem.memoryRows.enumerated() {
      for term in row.terms {
        rowsOfNode[term.node].append((r, term.bytes))
        rowTotals[r] += term.bytes[choices[term.node]]
      }
    }
    let penalty = { (r: Int, total: Double) -> Double in
      max(0, total - self.problem.memoryRows[r].budgetBytes) / 1_073_741_824
        * Self.penaltySecondsPerGiB
    }
    for _ in 0..<100 {
      var changed = false
      for v in nodes.indices {
        let current = choices[v]
        var best = current
        var bestCost = Double.infinity
        for i in nodes[v].costs.indices {
          var cost = nodes[v].costs[i]
          for e in incident[v] {
            let edge = problem.edges[e]
            let width = nodes[edge.to].costs.count
            cost +=
              edge.from == v
              ? edge.costs[i * width + choices[edge.to]]
              : edge.costs[choices[edge.from] * width + i]
          }
          for (r, bytes) in rowsOfNode[v] {
            cost += penalty(r, rowTotals[r] - bytes[current] + bytes[i])
          }
          if cost < bestCost - 1e-15 {
            bestCost = cost
            best = i
          }
        }
        if best != current {
          for (r, bytes) in rowsOfNode[v] { rowTotals[r] += bytes[best] - bytes[current] }
          choices[v] = best
          changed = true
        }
      }
      if !changed || ContinuousClock.now >= deadline { break }
    }
    return choices
  }
}
