import ShardlineSolver
import Testing

extension ILPSolverTests {
  @Test("CBC matches exhaustive enumeration on random problems", arguments: 0..<30)
  func randomProblems(seed: Int) throws {
    let problem = RandomILP.problem(seed: UInt64(seed))
    let reference: ILPSolution
    do {
      reference = try ExhaustiveSolver().solve(problem, limits: SolverLimits())
    } catch {
      #expect(throws: error) { try CBCSolver().solve(problem, limits: SolverLimits()) }
      return
    }
    let solution = try CBCSolver().solve(problem, limits: SolverLimits())
    #expect(solution.evaluate(against: problem).isFeasible)
    #expect(solution.status == .optimal)
    let tolerance = 1e-9 * max(1, abs(reference.objectiveSeconds))
    #expect(abs(solution.objectiveSeconds - reference.objectiveSeconds) <= tolerance)
  }
}
