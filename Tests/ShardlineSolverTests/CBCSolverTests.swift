import ShardlineSolver
import Testing

/// CBC-specific behaviour: presolve, formulation sizes, warm starts, the lock.
@Suite("CBCSolver")
struct CBCSolverTests {
  @Test("a tree is solved by presolve alone and a cycle is sent to CBC")
  func formulationSizes() throws {
    let tree = try CBCSolver().solve(ILPFixtures.chain(), limits: SolverLimits())
    #expect(tree.solvedFormulation == .empty)
    // 6 s + 8 e variables; 3 one-hot + 2 × (2 + 2) edge rows; 6 + 2 × (8 + 4) nonzeros.
    #expect(
      tree.originalFormulation == FormulationSize(variables: 14, constraints: 11, nonzeros: 30))
    let cycle = try CBCSolver().solve(ILPFixtures.cycle(), limits: SolverLimits())
    // 12 s + 4 × 9 e; 4 one-hot + 4 × (3 + 2) rows; s: 12 one-hot + 4 × 5 sums, e: 4 × 9 × 2 − 4 × 3.
    #expect(
      cycle.solvedFormulation == FormulationSize(variables: 48, constraints: 24, nonzeros: 92))
  }

  @Test("the smallest budget is found by minimizing the fullest row")
  func minimumBudget() throws {
    let problem = ILPFixtures.memory(budgetGiB: 6)
    let cbc = try CBCSolver().minimumFeasibleBudget(problem, limits: SolverLimits())
    let reference = try ExhaustiveSolver().minimumFeasibleBudget(problem, limits: SolverLimits())
    #expect(cbc.bytes == 8 * ILPFixtures.gib && cbc.row == "after B")
    #expect(reference.bytes == cbc.bytes && reference.row == cbc.row)
  }

  @Test("a warm start at the optimum is accepted and one breaking a pin is ignored")
  func warmStart() throws {
    let cycle = try CBCSolver().solve(
      ILPFixtures.cycle(), limits: SolverLimits(warmStart: [2, 2, 2, 2]))
    #expect(cycle.choices == [2, 2, 2, 2])
    let pinned = try CBCSolver().solve(
      ILPFixtures.chain(pinA: 0), limits: SolverLimits(warmStart: [1, 1, 1]))
    #expect(pinned.choices == [0, 1, 1])
  }

  @Test("the same problem gives the same solution")
  func deterministic() throws {
    let problem = RandomILP.problem(seed: 7, nodes: 8)
    let first = try CBCSolver().solve(problem, limits: SolverLimits())
    let second = try CBCSolver().solve(problem, limits: SolverLimits())
    #expect(first.choices == second.choices)
  }

  @Test("solves from many tasks at once all come back correct")
  func concurrent() async throws {
    var problems = (0..<8).map { RandomILP.problem(seed: UInt64(100 + $0), nodes: 7, density: 1) }
    for index in problems.indices { problems[index].memoryRows = [] }
    problems.append(ILPFixtures.cycle())
    let expected = try problems.map {
      try ExhaustiveSolver().solve($0, limits: SolverLimits()).objectiveSeconds
    }
    let results = try await withThrowingTaskGroup(of: (Int, ILPSolution).self) { group in
      for _ in 0..<3 {
        for (index, problem) in problems.enumerated() {
          group.addTask {
            return (index, try CBCSolver().solve(problem, limits: SolverLimits()))
          }
        }
      }
      return try await group.reduce(into: [(Int, ILPSolution)]()) { $0.append($1) }
    }
    #expect(results.count == 3 * problems.count)
    // 5 of the 9 problems reach CBC itself; the rest are solved by presolve.
    #expect(results.filter { $0.1.solvedFormulation.variables > 0 }.count >= 12)
    for (index, solution) in results {
      let error = abs(solution.objectiveSeconds - expected[index])
      #expect(error <= 1e-9 * max(1, abs(expected[index])))
    }
  }

  @Test("a time limit returns an incumbent marked as cut short, or a typed error without one")
  func timeLimit() {
    let problem = RandomILP.residualChain(count: 1000, seed: 1)
    do {
      let solution = try CBCSolver().solve(problem, limits: SolverLimits(timeLimitSeconds: 0.3))
      #expect(solution.evaluate(against: problem).isFeasible)
      if case .timeLimited = solution.status {} else { Issue.record("\(solution.status)") }
    } catch {
      #expect(error == .timeLimitWithoutSolution(seconds: 0.3))
    }
  }
}
