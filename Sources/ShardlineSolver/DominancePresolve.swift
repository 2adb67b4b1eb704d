/// Removes strategies that can never be strictly better than another strategy of the same
/// decision, and maps answers back.
///
/// Strategy `i` of decision `v` is dominated by `j` when choosing `j` instead never costs more,
/// whatever the other decisions are: `c_v[i] ≥ c_v[j]`, every incident edge's row (or column) for
/// `i` is entrywise at least that for `j`, and `v` takes no more memory under `j` in any memory
/// row. Swapping a dominated choice for its dominator keeps every solution feasible and no
/// costlier, so dropping dominated strategies keeps the optimum. Of exact ties the lowest index
/// stays. Pinned decisions and decisions in aliases are left alone. Passes repeat while they
/// remove something (a removal can create dominance at a neighbour), at most four times.
///
/// GPT layers on a 2-D mesh lose most of their dot strategies this way: splits that pay
/// communication on every edge without saving compute anywhere.
struct DominancePresolve: Sendable {
  /// The problem with dominated strategies removed.
  let reduced: ShardingILP
  /// For each decision, the original index of each kept strategy.
  private let kept: [[Int]]
  /// For each decision and original index, the kept index that dominates it (itself if kept).
  private let replacement: [[Int]]

  init(_ problem: ShardingILP) {
    var alive = problem.nodes.map { [Bool](repeating: true, count: $0.costs.count) }
    var frozen = Set(problem.aliases.flatMap { [$0.first, $0.second] })
    for (v, node) in problem.nodes.enumerated() where node.pinned != nil { frozen.insert(v) }
    var incident = [[Int]](repeating: [], count: problem.nodes.count)
    for (e, edge) in problem.edges.enumerated() {
      incident[edge.from].append(e)
      if edge.to != edge.from { incident[edge.to].append(e) }
    }
    var memory = [[[Double]]](repeating: [], count: problem.nodes.count)
    for row in problem.memoryRows {
      for term in row.terms { memory[term.node].append(term.bytes) }
    }
    var dominator = problem.nodes.map { Array($0.costs.indices) }
    for _ in 0..<4 {
      var removed = false
      for v in problem.nodes.indices where !frozen.contains(v) {
        let strategies = problem.nodes[v].costs.indices.filter { alive[v][$0] }
        for i in strategies where alive[v][i] {
          for j in strategies where j != i && alive[v][j] {
            if Self.dominates(j, i, at: v, problem, incident, memory, alive) {
              alive[v][i] = false
              dominator[v][i] = j
              removed = true
              break
            }
          }
        }
      }
      if !removed { break }
    }
    var kept: [[Int]] = []
    var replacement: [[Int]] = []
    for v in problem.nodes.indices {
      let keep = problem.nodes[v].costs.indices.filter { alive[v][$0] }
      let position = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) })
      kept.append(keep)
      replacement.append(
        problem.nodes[v].costs.indices.map { original in
          var index = original
          while !alive[v][index] { index = dominator[v][index] }
          return position[index]!
        })
    }
    self.kept = kept
    self.replacement = replacement
    var reduced = problem
    for v in problem.nodes.indices {
      reduced.nodes[v].costs = kept[v].map { problem.nodes[v].costs[$0] }
      reduced.nodes[v].pinned = problem.nodes[v].pinned.map { replacement[v][$0] }
    }
    for e in problem.edges.indices {
      let edge = problem.edges[e]
      let width = problem.nodes[edge.to].costs.count
      reduced.edges[e].costs = kept[edge.from].flatMap { i in
        kept[edge.to].map { j in edge.costs[i * width + j] }
      }
    }
    for r in problem.memoryRows.indices {
      for t in problem.memoryRows[r].terms.indices {
        let term = problem.memoryRows[r].terms[t]
        reduced.memoryRows[r].terms[t].bytes = kept[term.node].map { term.bytes[$0] }
      }
    }
    self.reduced = reduced
  }

  /// Whether strategy `j` of decision `v` dominates strategy `i`.
  private static func dominates(
    _ j: Int, _ i: Int, at v: Int, _ problem: ShardingILP, _ incident: [[Int]],
    _ memory: [[[Double]]], _ alive: [[Bool]]
  ) -> Bool {
    let costs = problem.nodes[v].costs
    guard costs[j] <= costs[i] else { return false }
    var strictlyBetter = costs[j] < costs[i]
    for bytes in memory[v] {
      guard bytes[j] <= bytes[i] else { return false }
      strictlyBetter = strictlyBetter || bytes[j] < bytes[i]
    }
    for e in incident[v] {
      let edge = problem.edges[e]
      let width = problem.nodes[edge.to].costs.count
      if edge.from == v {
        for k in 0..<width where alive[edge.to][k] {
          let (better, worse) = (edge.costs[j * width + k], edge.costs[i * width + k])
          guard better <= worse else { return false }
          strictlyBetter = strictlyBetter || better < worse
        }
      } else {
        for k in 0..<problem.nodes[edge.from].costs.count where alive[edge.from][k] {
          let (better, worse) = (edge.costs[k * width + j], edge.costs[k * width + i])
          guard better <= worse else { return false }
          strictlyBetter = strictlyBetter || better < worse
        }
      }
    }
    return strictlyBetter || j < i
  }

  /// An original assignment for a reduced one.
  func expand(_ choices: [Int]) -> [Int] {
    zip(kept, choices).map { $0[$1] }
  }

  /// A reduced assignment for an original one (dominated choices move to their dominators).
  func reduce(_ choices: [Int]) -> [Int] {
    zip(replacement, choices).map { $0[$1] }
  }
}
