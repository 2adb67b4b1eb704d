import ShardlineSolver
import Testing

@Suite("ILPSolution.evaluate")
struct ILPEvaluationTests {
  private func solution(_ choices: [Int]) -> ILPSolution {
    ILPSolution(
      choices: choices, objectiveSeconds: 0, status: .optimal, solveSeconds: 0,
      originalFormulation: .empty, solvedFormulation: .empty)
  }

  @Test("costs split into node and edge parts")
  func costBreakdown() {
    // [0, 0, 1]: nodes 1 + 1 + 1 = 3; edges R_AB(0,0) 0 + R_BC(0,1) 10 = 10.
    let evaluation = solution([0, 0, 1]).evaluate(against: ILPFixtures.chain())
    #expect(evaluation.isFeasible)
    #expect(evaluation.nodeCostSeconds == 3)
    #expect(evaluation.edgeCostSeconds == 10)
    #expect(evaluation.totalSeconds == 13)
  }

  @Test("every broken constraint is reported")
  func violations() {
    var problem = ILPFixtures.memory(budgetGiB: 12)
    problem.nodes[0].pinned = 1
    problem.aliases = [.init(first: 0, second: 1)]
    let evaluation = solution([0, 1]).evaluate(against: problem)
    #expect(
      evaluation.violations == [
        .pinIgnored(node: 0, pinned: 1, chosen: 0), .aliasBroken(alias: 0, first: 0, second: 1),
      ])
    let gib = ILPFixtures.gib
    #expect(evaluation.memoryBytes == [8 * gib, 12 * gib])
    let over = solution([0, 0]).evaluate(against: problem)
    #expect(over.violations.contains(.memoryExceeded(row: 1, label: "after B", bytesOver: 4 * gib)))
  }

  @Test("out-of-range and missing choices are violations, not crashes")
  func outOfRange() {
    let problem = ILPFixtures.chain()
    #expect(
      solution([0, 2, 0]).evaluate(against: problem).violations == [
        .indexOutOfRange(node: 1, index: 2, strategyCount: 2)
      ])
    #expect(
      solution([0]).evaluate(against: problem).violations == [.wrongLength(expected: 3, actual: 1)])
  }
}
