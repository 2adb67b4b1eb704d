import ShardlineSolver
import Testing

/// Hand-built problems every backend must solve identically.
@Suite("Every ILP solver")
struct ILPSolverTests {
  typealias Backend = ILPFixtures.Backend

  private func solve(_ problem: ShardingILP, _ backend: Backend) throws -> ILPSolution {
    let solution = try backend.solver.solve(problem, limits: SolverLimits())
    #expect(solution.evaluate(against: problem).isFeasible)
    return solution
  }

  @Test("edge costs beat the cheapest choice of each node", arguments: Backend.allCases)
  func chain(backend: Backend) throws {
    let solution = try solve(ILPFixtures.chain(), backend)
    #expect(solution.choices == [1, 1, 1])
    #expect(solution.objectiveSeconds == 6)  // 2 + 3 + 1
    #expect(solution.status == .optimal)
  }

  @Test("a cycle with no leaf is solved to its optimum", arguments: Backend.allCases)
  func cycle(backend: Backend) throws {
    let solution = try solve(ILPFixtures.cycle(), backend)
    #expect(solution.choices == [2, 2, 2, 2])
    #expect(solution.objectiveSeconds == 4)  // 1 + 1 + 1 + 1
  }

  @Test("a pinned node keeps its strategy", arguments: Backend.allCases)
  func pinned(backend: Backend) throws {
    // A0 B1 C1: 1 + 3 + 1 + R_AB(0,1) 4 + 0 = 9; A0 B0 C1: 1 + 1 + 1 + 0 + 10 = 13.
    let solution = try solve(ILPFixtures.chain(pinA: 0), backend)
    #expect(solution.choices == [0, 1, 1])
    #expect(solution.objectiveSeconds == 9)
  }

  @Test("aliased nodes pick the same index", arguments: Backend.allCases)
  func aliased(backend: Backend) throws {
    let solution = try solve(ILPFixtures.aliased(), backend)
    #expect(solution.choices == [0, 0])
    #expect(solution.objectiveSeconds == 5)  // 1 + 4
  }

  @Test("a memory row forces a costlier choice", arguments: Backend.allCases)
  func memory(backend: Backend) throws {
    let solution = try solve(ILPFixtures.memory(budgetGiB: 12), backend)
    #expect(solution.choices == [1, 0])
    #expect(solution.objectiveSeconds == 3)  // 2 + 1, 12 GiB after B
  }

  @Test("an assignment filling a row exactly fits", arguments: Backend.allCases)
  func exactFit(backend: Backend) throws {
    // 8 GiB: only [1, 1] fits, at exactly 8 GiB after B; 2 + 2.5 = 4.5.
    let solution = try solve(ILPFixtures.memory(budgetGiB: 8), backend)
    #expect(solution.choices == [1, 1])
    #expect(solution.objectiveSeconds == 4.5)
  }

  @Test(
    "an infeasible memory row names the row and the smallest budget", arguments: Backend.allCases)
  func infeasibleMemory(backend: Backend) {
    let gib = ILPFixtures.gib
    let expected = SolverError.Infeasibility.memory(
      row: "after B", budgetBytes: 6 * gib, neededBytes: 8 * gib)
    #expect(throws: SolverError.infeasible(reason: expected)) {
      try backend.solver.solve(ILPFixtures.memory(budgetGiB: 6), limits: SolverLimits())
    }
    #expect(
      expected.description
        == "per-device memory budget 6.0 GiB cannot be met: the best assignment needs 8.0 GiB at after B"
    )
  }

  @Test("pins joined by aliases that disagree are infeasible", arguments: Backend.allCases)
  func conflictingPins(backend: Backend) {
    var problem = ILPFixtures.aliased()
    problem.nodes[0].pinned = 0
    problem.nodes[1].pinned = 1
    #expect(
      throws: SolverError.infeasible(
        reason: .conflictingPins(first: "X", firstPin: 0, second: "Y", secondPin: 1))
    ) { try backend.solver.solve(problem, limits: SolverLimits()) }
  }

  @Test("malformed problems are rejected", arguments: Backend.allCases)
  func invalid(backend: Backend) {
    var wrongEdge = ILPFixtures.chain()
    wrongEdge.edges[0].costs.removeLast()
    var badPin = ILPFixtures.chain()
    badPin.nodes[1].pinned = 2
    var badAlias = ILPFixtures.chain()
    badAlias.nodes[2].costs.append(7)
    badAlias.edges[1].costs += [0, 0]
    badAlias.aliases = [.init(first: 0, second: 2)]
    var notANumber = ILPFixtures.cycle()
    notANumber.nodes[3].costs[0] = .nan
    for problem in [wrongEdge, badPin, badAlias, notANumber] {
      #expect {
        try backend.solver.solve(problem, limits: SolverLimits())
      } throws: { error in
        if case .invalidProblem = error as? SolverError { return true }
        return false
      }
    }
  }
}
