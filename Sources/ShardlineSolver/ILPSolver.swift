/// A backend that solves a ``ShardingILP``: ``CBCSolver`` in production, ``ExhaustiveSolver`` as
/// a reference for tests.
///
/// Every backend validates the problem, respects pins, aliases and memory rows, and returns an
/// objective recomputed from the problem's own costs with ``ILPSolution/evaluate(against:)``.
public protocol ILPSolver: Sendable {
  /// Chooses one strategy per node minimizing node plus edge costs.
  ///
  /// - Parameters:
  ///   - problem: The flat problem.
  ///   - limits: Time, gap, warm start and threads.
  /// - Returns: A feasible assignment; never one without an incumbent.
  /// - Throws: ``SolverError`` when the problem is malformed or infeasible, when time runs out
  ///   before any assignment is found, or when the backend fails.
  func solve(_ problem: ShardingILP, limits: SolverLimits) throws(SolverError) -> ILPSolution
}
