extension CBCSolver {
  /// The smallest per-device budget, in bytes, that some assignment fits every memory row into,
  /// and the label of the row that needs it.
  ///
  /// Minimizes a continuous `t` subject to `Σ bytes·s ≤ t` for every memory row, ignoring costs
  /// but keeping pins and aliases; every row is treated as sharing one budget (the device's
  /// memory). The bytes are recomputed exactly from the returned assignment; the row is the
  /// fullest one under it (the lowest index on ties). If CBC's time limit cuts the search short,
  /// the figure is an upper bound.
  ///
  /// - Throws: ``SolverError/invalidProblem(reason:)`` when the problem has no memory rows or is
  ///   malformed, and the other ``SolverError`` cases as ``solve(_:limits:)`` does.
  public func minimumFeasibleBudget(_ problem: ShardingILP, limits: SolverLimits)
    throws(SolverError) -> (bytes: Double, row: String)
  {
    let (bytes, row) = try minimumBudget(problem, limits)
    return (bytes, problem.memoryRows[row].label)
  }

  func minimumBudget(_ problem: ShardingILP, _ limits: SolverLimits)
    throws(SolverError) -> (bytes: Double, row: Int)
  {
    var limits = limits
    limits.warmStart = nil
    try problem.validate(limits)
    guard !problem.memoryRows.isEmpty else {
      throw .invalidProblem(reason: "a minimum budget needs at least one memory row")
    }
    let relaxed = problem.memoryOnly()
    let presolve = ILPPresolve(relaxed)
    var reducedChoices = [Int](repeating: 0, count: presolve.reduced.nodes.count)
    if !presolve.reduced.memoryRows.isEmpty {
      let model = CBCFormulation(presolve.reduced, minimizingLargestRow: true)
      var waited = Duration.zero
      guard let run = try Self.run(model, start: nil, limits: limits, waited: &waited) else {
        throw .backendFailure(status: "CBC reports the largest-row minimization infeasible")
      }
      reducedChoices = run.choices
    }
    return problem.evaluate(presolve.expand(reducedChoices)).largestRow
  }

  func memoryInfeasibility(_ problem: ShardingILP, _ limits: SolverLimits)
    throws(SolverError) -> SolverError
  {
    guard !problem.memoryRows.isEmpty else {
      return .backendFailure(status: "CBC reports infeasible a problem without memory rows")
    }
    let (bytes, row) = try minimumBudget(problem, limits)
    let budget = problem.memoryRows[row].budgetBytes
    return .infeasible(
      reason: .memory(row: problem.memoryRows[row].label, budgetBytes: budget, neededBytes: bytes))
  }
}

extension ShardingILP {
  /// The same decisions, pins, aliases and memory terms with zero costs, no edges and zero
  /// budgets: the problem behind the largest-row minimization.
  func memoryOnly() -> ShardingILP {
    ShardingILP(
      nodes: nodes.map {
        .init(
          costs: [Double](repeating: 0, count: $0.costs.count), pinned: $0.pinned, label: $0.label)
      },
      aliases: aliases,
      memoryRows: memoryRows.map { .init(terms: $0.terms, budgetBytes: 0, label: $0.label) })
  }
}

extension ILPEvaluation {
  /// The fullest memory row's bytes and index (the lowest index on ties); `(0, 0)` without rows.
  var largestRow: (bytes: Double, row: Int) {
    var best = (bytes: memoryBytes.first ?? 0, row: 0)
    for (row, bytes) in memoryBytes.enumerated() where bytes > best.bytes { best = (bytes, row) }
    return best
  }
}
