/// A solver's answer to a ``ShardingILP``: one strategy index per node.
public struct ILPSolution: Sendable, Hashable {
  /// The chosen strategy index of each node, in node order.
  public var choices: [Int]
  /// Node plus edge cost of `choices`, in seconds, recomputed from the problem's costs (never
  /// the backend's floating objective).
  public var objectiveSeconds: Double
  /// Whether the assignment is proven optimal, within a gap, or cut short by the time limit.
  public var status: SolverStatus
  /// Wall-clock time of the solve, in seconds: validation, presolve, the backend and
  /// reconstruction (not time spent waiting for another thread's CBC solve).
  public var solveSeconds: Double
  /// The size of Alpa's direct formulation of the problem (``ShardingILP/directFormulationSize``).
  public var originalFormulation: FormulationSize
  /// The size of the formulation actually sent to the backend after presolve, or
  /// ``FormulationSize/empty`` when presolve solved everything.
  public var solvedFormulation: FormulationSize

  /// Creates a solution.
  public init(
    choices: [Int], objectiveSeconds: Double, status: SolverStatus, solveSeconds: Double,
    originalFormulation: FormulationSize, solvedFormulation: FormulationSize
  ) {
    self.choices = choices
    self.objectiveSeconds = objectiveSeconds
    self.status = status
    self.solveSeconds = solveSeconds
    self.originalFormulation = originalFormulation
    self.solvedFormulation = solvedFormulation
  }
}
