import CCbc
import Synchronization

/// Serializes every CBC call in the process: CBC's C interface is not reentrant (4 of 36
/// concurrent solves came back with status −1 and garbage, CLIBS.md).
private let cbcLock = Mutex(())

/// Solves a ``ShardingILP`` with COIN-OR CBC 2.10 through its C interface.
///
/// A solve validates the problem, presolves it exactly (``ILPPresolve``: alias merging, pinned
/// and single-strategy substitution, leaf elimination), sends what remains as the formulation of
/// ``CBCFormulation`` (Alpa §4.2), maps the answer back and recomputes the objective with
/// ``ILPSolution/evaluate(against:)``. Every CBC call runs under one process-wide lock, so
/// concurrent solves queue rather than overlap.
///
/// Determinism: with one thread, the same problem and limits give the same solution. When
/// several assignments are optimal, which one CBC returns is up to its search, not the lowest
/// index vector that ``ExhaustiveSolver`` returns; both have the optimal objective.
public struct CBCSolver: ILPSolver {
  /// Creates a solver.
  public init() {}

  /// Solves `problem` within `limits`; see ``ILPSolver/solve(_:limits:)``.
  public func solve(_ problem: ShardingILP, limits: SolverLimits) throws(SolverError)
    -> ILPSolution
  {
    let started = ContinuousClock.now
    try problem.validate(limits)
    let dominance = DominancePresolve(problem)
    let presolve = ILPPresolve(dominance.reduced)
    if presolve.overflowingRow != nil { throw try memoryInfeasibility(problem, limits) }
    let reduced = presolve.reduced
    var run = Run(
      choices: [], objective: 0, bound: 0, objectiveScale: 1, provenOptimal: true,
      timeLimited: false)
    var formulation = FormulationSize.empty
    var waited = Duration.zero
    var heuristic = false
    let reducedStart = limits.warmStart.map(dominance.reduce).flatMap(presolve.reducedStart)
    if !reduced.nodes.isEmpty {
      let model = CBCFormulation(reduced)
      formulation = model.size
      if formulation.variables > limits.maximumVariables {
        heuristic = true
        let deadline = started + .seconds(limits.timeLimitSeconds)
        run.choices = LocalSearch(problem: reduced).solve(start: reducedStart, deadline: deadline)
      } else {
        let start = reducedStart.map { model.startColumns($0, of: reduced) }
        guard let result = try Self.run(model, start: start, limits: limits, waited: &waited)
        else {
          throw try memoryInfeasibility(problem, limits)
        }
        run = result
      }
    }
    let choices = dominance.expand(presolve.expand(run.choices))
    let evaluation = problem.evaluate(choices)
    if heuristic, !evaluation.isFeasible,
      let worst = problem.memoryRows.indices.max(by: {
        evaluation.memoryBytes[$0] - problem.memoryRows[$0].budgetBytes
          < evaluation.memoryBytes[$1] - problem.memoryRows[$1].budgetBytes
      })
    {
      // Local search proves nothing: report the budget its assignment needed.
      throw .infeasible(
        reason: .memory(
          row: problem.memoryRows[worst].label, budgetBytes: problem.memoryRows[worst].budgetBytes,
          neededBytes: evaluation.memoryBytes[worst]))
    }
    guard evaluation.isFeasible else {
      throw .backendFailure(status: "CBC's assignment breaks \(evaluation.violations)")
    }
    let absoluteGap = run.bound > -1e49 ? max(0, run.objective - run.bound) : nil
    let gap = absoluteGap.map {
      $0 / run.objectiveScale / max(abs(evaluation.totalSeconds), 1e-300)
    }
    let status: SolverStatus
    if heuristic {
      status = .heuristic(variables: formulation.variables)
    } else if run.timeLimited && !run.provenOptimal {
      status = .timeLimited(gap: gap)
    } else if let gap, gap > 1e-9, limits.relativeGap > 0 {
      status = .feasible(gap: gap)
    } else {
      status = .optimal
    }
    return ILPSolution(
      choices: choices, objectiveSeconds: evaluation.totalSeconds, status: status,
      solveSeconds: Self.seconds(ContinuousClock.now - started - waited),
      originalFormulation: problem.directFormulationSize, solvedFormulation: formulation)
  }

  private static func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) * 1e-18
  }

  /// What one CBC run found, in the reduced problem's terms.
  struct Run {
    /// The strategy index of each reduced node.
    var choices: [Int]
    /// CBC's objective, in its scaled units.
    var objective: Double
    /// CBC's best bound, in its scaled units (below −1e49 when it has none).
    var bound: Double
    /// Objective units per second.
    var objectiveScale: Double
    /// Whether CBC finished its search.
    var provenOptimal: Bool
    /// Whether the time limit stopped it.
    var timeLimited: Bool
  }

  /// Loads `model` into a fresh CBC model, solves it under the process-wide lock and reads the
  /// incumbent back; `nil` means CBC proved the model infeasible.
  ///
  /// - Parameter waited: Increased by the time spent waiting for the lock.
  static func run(
    _ model: CBCFormulation, start: [Int32]?, limits: SolverLimits, waited: inout Duration
  ) throws(SolverError) -> Run? {
    let queued = ContinuousClock.now
    return try cbcLock.withLock { _ throws(SolverError) -> Run? in
      waited += ContinuousClock.now - queued
      return try runLocked(model, start: start, limits: limits)
    }
  }

  private static func runLocked(_ model: CBCFormulation, start: [Int32]?, limits: SolverLimits)
    throws(SolverError) -> Run?
  {
    guard let cbc = Cbc_newModel() else { throw .backendFailure(status: "Cbc_newModel failed") }
    defer { Cbc_deleteModel(cbc) }
    Cbc_setLogLevel(cbc, 0)
    let columns = model.objective.count
    let lower = [Double](repeating: 0, count: columns)
    Cbc_loadProblem(
      cbc, Int32(columns), Int32(model.rowLower.count), model.columnStarts, model.rowIndices,
      model.values, lower, model.columnUpper, model.objective, model.rowLower, model.rowUpper)
    for column in 0..<model.integerColumns { Cbc_setInteger(cbc, Int32(column)) }
    Cbc_setMaximumSeconds(cbc, limits.timeLimitSeconds)
    Cbc_setParameter(cbc, "timeMode", "elapsed")
    Cbc_setAllowableFractionGap(cbc, limits.relativeGap)
    // CBC only accepts a new incumbent better by `increment` (default 1e-5 of the objective
    // units); near-ties between assignments matter here, so accept any strict improvement.
    Cbc_setParameter(cbc, "increment", "1e-12")
    // ILPPresolve has already done the reductions that matter here; CBC's own presolve,
    // preprocessing, cut generation and primal heuristics cost more than they save on these
    // models. Measured on `bench shard` (GPT-39B layer on 2×4): 1.18 s with CBC's defaults,
    // 0.12 s without; memory-bound GPT-1.3B cases on 2×4 got 1.6–5× faster as well.
    for setting in ["presolve", "preprocess", "cuts", "heuristicsOnOff"] {
      Cbc_setParameter(cbc, setting, "off")
    }
    if limits.threads > 1 { Cbc_setParameter(cbc, "threads", "\(limits.threads)") }
    if let start {
      Cbc_setMIPStartI(
        cbc, Int32(start.count), start, [Double](repeating: 1, count: start.count))
    }
    let solveStarted = ContinuousClock.now
    let code = Cbc_solve(cbc)
    let elapsed = ContinuousClock.now - solveStarted
    let status = Cbc_status(cbc)
    let secondary = Cbc_secondaryStatus(cbc)
    let objective = Cbc_getObjValue(cbc)
    // A limit hit in preprocessing or the root LP reads as "infeasible" (status 0, secondary 1)
    // without the seconds flag, so the clock decides too.
    let timeLimited =
      Cbc_isSecondsLimitReached(cbc) != 0 || secondary == 4
      || elapsed >= .seconds(limits.timeLimitSeconds)
    let describe = "Cbc_solve \(code), status \(status), secondary status \(secondary)"
    guard status == 0 || status == 1 else { throw .backendFailure(status: describe) }
    guard objective < 1e49, let solution = Cbc_getColSolution(cbc) else {
      if timeLimited { throw .timeLimitWithoutSolution(seconds: limits.timeLimitSeconds) }
      if Cbc_isProvenInfeasible(cbc) != 0 || secondary == 1 { return nil }
      throw .backendFailure(status: describe)
    }
    var choices: [Int] = []
    for (v, first) in model.strategyColumn.enumerated() {
      let end =
        v + 1 < model.strategyColumn.count ? model.strategyColumn[v + 1] : model.integerColumns
      let best =
        (first..<end).max {
          solution[$0] < solution[$1] || (solution[$0] == solution[$1] && $0 > $1)
        } ?? first
      guard solution[best] > 0.5 else { throw .backendFailure(status: "\(describe): fractional s") }
      choices.append(best - first)
    }
    return Run(
      choices: choices, objective: objective, bound: Cbc_getBestPossibleObjValue(cbc),
      objectiveScale: model.objectiveScale, provenOptimal: Cbc_isProvenOptimal(cbc) != 0,
      timeLimited: timeLimited)
  }
}
