/// A reference ``ILPSolver`` that tries every assignment; for tests and tiny problems only.
///
/// Pinned nodes keep their pin; every other node ranges over all its strategies, so the count of
/// assignments is the product of the unpinned nodes' strategy counts. Assignments are visited in
/// lexicographic order of the index vector and only a strictly better one replaces the best, so
/// ties go to the lexicographically lowest vector. The result is always ``SolverStatus/optimal``.
public struct ExhaustiveSolver: ILPSolver {
  /// The most assignments a solve will enumerate.
  public static let maximumAssignments = 2_000_000

  /// Creates a solver.
  public init() {}

  /// Solves `problem` by enumeration; `limits` are validated, and otherwise only the warm
  /// start's validity matters.
  ///
  /// - Throws: ``SolverError/invalidProblem(reason:)`` beyond ``maximumAssignments``, and
  ///   ``SolverError/infeasible(reason:)`` naming the memory row and the smallest budget.
  public func solve(_ problem: ShardingILP, limits: SolverLimits) throws(SolverError)
    -> ILPSolution
  {
    let started = ContinuousClock.now
    try problem.validate(limits)
    let best = try Self.enumerate(problem) { $0.isFeasible ? $0.totalSeconds : nil }
    guard let best else {
      let (bytes, row) = try minimumBudget(problem)
      throw .infeasible(
        reason: .memory(
          row: problem.memoryRows[row].label, budgetBytes: problem.memoryRows[row].budgetBytes,
          neededBytes: bytes))
    }
    let (whole, attoseconds) = (ContinuousClock.now - started).components
    return ILPSolution(
      choices: best, objectiveSeconds: problem.evaluate(best).totalSeconds, status: .optimal,
      solveSeconds: Double(whole) + Double(attoseconds) * 1e-18,
      originalFormulation: problem.directFormulationSize, solvedFormulation: .empty)
  }

  /// The smallest budget, in bytes, that some assignment respecting pins and aliases fits every
  /// memory row into, and the fullest row's label under the lexicographically first such
  /// assignment; the reference for ``CBCSolver/minimumFeasibleBudget(_:limits:)``.
  ///
  /// - Throws: ``SolverError/invalidProblem(reason:)`` without memory rows, when malformed, or
  ///   beyond ``maximumAssignments``.
  public func minimumFeasibleBudget(_ problem: ShardingILP, limits: SolverLimits)
    throws(SolverError) -> (bytes: Double, row: String)
  {
    try problem.validate(limits)
    let (bytes, row) = try minimumBudget(problem)
    return (bytes, problem.memoryRows[row].label)
  }

  private func minimumBudget(_ problem: ShardingILP) throws(SolverError) -> (
    bytes: Double, row: Int
  ) {
    guard !problem.memoryRows.isEmpty else {
      throw .invalidProblem(reason: "a minimum budget needs at least one memory row")
    }
    let best = try Self.enumerate(problem) { evaluation in
      let broken = evaluation.violations.contains {
        if case .memoryExceeded = $0 { return false }
        return true
      }
      return broken ? nil : evaluation.largestRow.bytes
    }
    return problem.evaluate(best ?? []).largestRow
  }

  /// The assignment with the lowest score (the first in lexicographic order on ties), skipping
  /// those scored `nil`; `nil` when every assignment is skipped.
  private static func enumerate(
    _ problem: ShardingILP, score: (ILPEvaluation) -> Double?
  ) throws(SolverError) -> [Int]? {
    let free = problem.nodes.indices.filter { problem.nodes[$0].pinned == nil }
    var count = 1
    for node in free {
      count *= problem.nodes[node].costs.count
      if count > maximumAssignments {
        throw .invalidProblem(
          reason: "more than \(maximumAssignments) assignments to enumerate")
      }
    }
    var choices = problem.nodes.map { $0.pinned ?? 0 }
    var best: (choices: [Int], score: Double)?
    while true {
      if let value = score(problem.evaluate(choices)), value < best?.score ?? .infinity {
        best = (choices, value)
      }
      guard
        let position = free.lastIndex(where: { choices[$0] + 1 < problem.nodes[$0].costs.count })
      else { return best?.choices }
      choices[free[position]] += 1
      for later in free[(position + 1)...] { choices[later] = 0 }
    }
  }
}
