/// How good an ``ILPSolution`` is known to be.
public enum SolverStatus: Sendable, Hashable {
  /// Proven optimal (up to the backend's absolute tolerance, 1e-10 of the scaled objective for CBC).
  case optimal
  /// Within the requested relative gap of optimal; `gap` is the gap reached, as a fraction.
  case feasible(gap: Double)
  /// The time limit stopped the search with an incumbent; `gap` is the relative gap to the best
  /// bound, as a fraction, or `nil` when the backend had no finite bound.
  case timeLimited(gap: Double?)
  /// The formulation (`variables` after presolve) was beyond
  /// ``SolverLimits/maximumVariables``: the assignment comes from ``LocalSearch`` and carries
  /// no optimality guarantee.
  case heuristic(variables: Int)
}
