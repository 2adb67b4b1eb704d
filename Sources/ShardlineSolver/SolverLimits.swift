/// How long and how hard an ``ILPSolver`` may work on one problem.
public struct SolverLimits: Sendable, Codable, Hashable {
  /// Wall-clock limit for one solve, in seconds; Alpa capped CBC at 600 s.
  ///
  /// CBC checks it between nodes, so a solve can overshoot it by a few seconds.
  public var timeLimitSeconds: Double
  /// Relative optimality gap at which the search may stop, as a fraction (0.01 = 1 %).
  ///
  /// The default 0 asks the solver to prove the returned assignment optimal; a positive gap
  /// trades proof for time and is reported as ``SolverStatus/feasible(gap:)``.
  public var relativeGap: Double
  /// A starting assignment, one strategy index per node, or `nil` for none.
  ///
  /// It must have one in-range index per node. One that breaks a pin or an alias is ignored, as
  /// CBC ignores starts that break a constraint.
  public var warmStart: [Int]?
  /// Solver threads; results are deterministic only with the default 1.
  public var threads: Int
  /// The largest formulation (in variables, after presolve) handed to the MIP backend.
  ///
  /// CBC does not check its time limit inside its root LP and MIP-start completion; on
  /// formulations of a few hundred thousand variables (GPT-1.3B's whole step on a 2×4 mesh at
  /// batch 1024) those alone ran past 30 minutes here. Larger problems are solved by local
  /// search instead and reported as ``SolverStatus/heuristic(variables:)``.
  public var maximumVariables: Int

  /// Creates limits; every field has a default.
  public init(
    timeLimitSeconds: Double = 600, relativeGap: Double = 0, warmStart: [Int]? = nil,
    threads: Int = 1, maximumVariables: Int = 120_000
  ) {
    self.timeLimitSeconds = timeLimitSeconds
    self.relativeGap = relativeGap
    self.warmStart = warmStart
    self.threads = threads
    self.maximumVariables = maximumVariables
  }
}
