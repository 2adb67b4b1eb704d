import Testing

@testable import ShardlineSolver

@Suite("ILPPresolve")
struct ILPPresolveTests {
  @Test("leaf elimination folds a chain away and reconstructs the optimum")
  func chain() {
    let presolve = ILPPresolve(ILPFixtures.chain())
    #expect(presolve.reduced.nodes.isEmpty)
    #expect(presolve.expand([]) == [1, 1, 1])
  }

  @Test("a tail hanging off a cycle is eliminated and the cycle kept")
  func tail() throws {
    var problem = ILPFixtures.cycle()
    // E hangs off A: E0 is cheap but costs 6 against A2, so the optimum may move.
    problem.nodes.append(.init(costs: [0, 1, 2], label: "E"))
    problem.edges.append(.init(from: 0, to: 4, costs: [0, 0, 0, 0, 0, 0, 6, 6, 0]))
    let presolve = ILPPresolve(problem)
    #expect(presolve.reduced.nodes.count == 4)
    #expect(presolve.reduced.edges.count == 4)
    let cbc = try CBCSolver().solve(problem, limits: SolverLimits())
    let reference = try ExhaustiveSolver().solve(problem, limits: SolverLimits())
    // All 2 with E2: 4 + 2 = 6; every other choice for the cycle costs at least 6 + 0.
    #expect(reference.objectiveSeconds == 6)
    #expect(cbc.objectiveSeconds == reference.objectiveSeconds)
  }

  @Test("nodes in memory rows, pinned nodes and aliases are handled before elimination")
  func memoryAndPins() {
    let presolve = ILPPresolve(ILPFixtures.memory(budgetGiB: 12))
    #expect(presolve.reduced.nodes.count == 2)
    // "after A" holds at most 8 GiB of its 12: it cannot overflow and is dropped.
    #expect(presolve.reduced.memoryRows.map(\.label) == ["after B"])
    let pinned = ILPPresolve(ILPFixtures.chain(pinA: 0))
    #expect(pinned.reduced.nodes.isEmpty)
    #expect(pinned.expand([]) == [0, 1, 1])
    let aliased = ILPPresolve(ILPFixtures.aliased())
    #expect(aliased.expand([]) == [0, 0])
    #expect(aliased.reducedStart([1, 0]) == nil)
  }

  @Test("a row that only fixed nodes overflow is found without a solver")
  func overflowing() {
    var problem = ILPFixtures.memory(budgetGiB: 6)
    problem.nodes[0].pinned = 0
    problem.nodes[1].pinned = 0
    #expect(ILPPresolve(problem).overflowingRow == 0)
  }
}

@Suite("Dominated strategies")
struct DominancePresolveTests {
  @Test("a strategy never cheaper than another is dropped, and answers map back")
  func dropsDominated() {
    // Node 0: strategy 1 costs more than 0 and its edge row is no cheaper (5 ≥ 1, 6 ≥ 2).
    // Node 1: strategies 0 and 1 have equal costs and equal columns: 1 (the higher) goes.
    let problem = ShardingILP(
      nodes: [.init(costs: [1, 2]), .init(costs: [3, 3, 0])],
      edges: [.init(from: 0, to: 1, costs: [1, 1, 7, 5, 5, 9])])
    let dominance = DominancePresolve(problem)
    #expect(dominance.reduced.nodes.map(\.costs) == [[1], [3, 0]])
    #expect(dominance.reduced.edges[0].costs == [1, 7])
    #expect(dominance.expand([0, 1]) == [0, 2])
    #expect(dominance.reduce([1, 1]) == [0, 0])
  }

  @Test("edges whose strategies share rows or columns need fewer variables")
  func edgeClasses() throws {
    // 6 × 6 matrix with only 2 distinct rows and 2 distinct columns: 4 edge variables.
    let costs: [Double] = (0..<36).map { (cell: Int) -> Double in
      let rowClass = (cell / 6) % 2
      let columnClass = (cell % 6) % 2
      return Double(rowClass + 2 * columnClass)
    }
    let problem = ShardingILP(
      nodes: [.init(costs: [0, 1, 2, 3, 4, 5]), .init(costs: [5, 4, 3, 2, 1, 0])],
      edges: [.init(from: 0, to: 1, costs: costs)])
    let solution = try CBCSolver().solve(problem, limits: SolverLimits())
    #expect(solution.solvedFormulation.variables <= 6 + 6 + 4)
    let exhaustive = try ExhaustiveSolver().solve(problem, limits: SolverLimits())
    #expect(solution.objectiveSeconds == exhaustive.objectiveSeconds)
  }
}

@Suite("Local search beyond the solver's size limit")
struct LocalSearchTests {
  @Test("a problem over the variable limit is solved by local search and says so")
  func heuristicStatus() throws {
    // A triangle (no leaf to eliminate); edges cost 5 when their ends disagree.
    let disagree: [Double] = [0, 5, 5, 0]
    let problem = ShardingILP(
      nodes: [.init(costs: [1, 0]), .init(costs: [1, 0]), .init(costs: [0, 3])],
      edges: [
        .init(from: 0, to: 1, costs: disagree), .init(from: 1, to: 2, costs: disagree),
        .init(from: 0, to: 2, costs: disagree),
      ])
    let solution = try CBCSolver().solve(problem, limits: SolverLimits(maximumVariables: 1))
    #expect(solution.status == .heuristic(variables: solution.solvedFormulation.variables))
    // From the cheapest choices [1, 1, 0] node 2 moves to 1: a local optimum of 0 + 0 + 3 = 3.
    // The global optimum, all on 0, costs 1 + 1 + 0 = 2: local search proves nothing.
    #expect(solution.choices == [1, 1, 1])
    #expect(try CBCSolver().solve(problem, limits: SolverLimits()).objectiveSeconds == 2)
  }
}
