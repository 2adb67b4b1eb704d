import ShardlineInterpreter
import ShardlineSolver

/// Seeded random problems for property tests.
enum RandomILP {
  /// Half to all of `maximum` nodes with 2–5 strategies, edges on a `density` fraction of the
  /// pairs (some of them all zero), and sometimes a pin, an alias or a memory row whose budget
  /// may be too small.
  static func problem(seed: UInt64, nodes maximum: Int = 8, density: Double = 0.5) -> ShardingILP {
    var random = SplitMix64(seed: seed)
    let count = Int.random(in: max(2, maximum / 2)...maximum, using: &random)
    let nodes = (0..<count).map { index in
      ShardingILP.Node(
        costs: (0..<Int.random(in: 2...5, using: &random)).map { _ in
          Double.random(in: 0..<10, using: &random)
        },
        label: "n\(index)")
    }
    var problem = ShardingILP(nodes: nodes)
    for from in 0..<count {
      for to in (from + 1)..<count where Double.random(in: 0..<1, using: &random) < density {
        let (a, b) = Bool.random(using: &random) ? (from, to) : (to, from)
        let size = nodes[a].costs.count * nodes[b].costs.count
        let zero = Double.random(in: 0..<1, using: &random) < 0.1
        problem.edges.append(
          .init(
            from: a, to: b,
            costs: (0..<size).map { _ in zero ? 0 : Double.random(in: 0..<5, using: &random) }))
      }
    }
    if Double.random(in: 0..<1, using: &random) < 0.3 {
      let node = Int.random(in: 0..<count, using: &random)
      problem.nodes[node].pinned = Int.random(in: 0..<nodes[node].costs.count, using: &random)
    }
    if Double.random(in: 0..<1, using: &random) < 0.3 {
      let first = Int.random(in: 0..<count, using: &random)
      if let second = (0..<count).first(where: {
        $0 != first && nodes[$0].costs.count == nodes[first].costs.count
      }), problem.nodes[first].pinned == nil || problem.nodes[second].pinned == nil {
        problem.aliases.append(.init(first: first, second: second))
      }
    }
    if Double.random(in: 0..<1, using: &random) < 0.4 {
      problem.memoryRows.append(memoryRow(problem, using: &random))
    }
    return problem
  }

  private static func memoryRow(_ problem: ShardingILP, using random: inout SplitMix64)
    -> ShardingILP.MemoryRow
  {
    let members = problem.nodes.indices.filter { _ in Bool.random(using: &random) }
    let terms = members.map { node in
      ShardingILP.MemoryRow.Term(
        node: node,
        bytes: problem.nodes[node].costs.map { _ in
          Double(Int.random(in: 1...16, using: &random)) * 1_073_741_824 / 4
        })
    }
    let least = terms.reduce(0) { $0 + ($1.bytes.min() ?? 0) }
    let most = terms.reduce(0) { $0 + ($1.bytes.max() ?? 0) }
    let budget = least + (most - least) * Double.random(in: -0.1..<0.8, using: &random)
    return .init(terms: terms, budgetBytes: budget, label: "row")
  }

  /// A chain of `count` nodes with 4–8 strategies and an extra edge from every node to the one
  /// three ahead (residual connections), so that presolve leaves it whole: a model big enough
  /// that CBC cannot finish it in a fraction of a second.
  static func residualChain(count: Int, seed: UInt64) -> ShardingILP {
    var random = SplitMix64(seed: seed)
    let sizes = (0..<count).map { _ in Int.random(in: 4...8, using: &random) }
    var problem = ShardingILP(
      nodes: sizes.map { size in
        .init(costs: (0..<size).map { _ in Double.random(in: 1e-4..<1e-3, using: &random) })
      })
    for from in 0..<(count - 1) {
      for to in [from + 1, from + 3] where to < count {
        var costs: [Double] = []
        for i in 0..<sizes[from] {
          for j in 0..<sizes[to] {
            costs.append(i % 4 == j % 4 ? 0 : Double.random(in: 1e-4..<2e-3, using: &random))
          }
        }
        problem.edges.append(.init(from: from, to: to, costs: costs))
      }
    }
    return problem
  }
}
