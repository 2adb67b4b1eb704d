import ShardlineHardware
import ShardlinePlan
import ShardlineSharding

/// Baselines: the same planner, cost model and evaluator, confined to one system's plan space.
extension Planner {
  /// The plan `baseline` would run for `model` on `cluster`, found by the planner's own search
  /// confined to the baseline's space and evaluated like any plan.
  ///
  /// A baseline of several searches (Megatron-LM's grid of dp × tp × pp) keeps the fastest valid
  /// plan, or, when none is valid, the one with the fewest problems, so the caller can show why
  /// it cannot run. The plan records the baseline's name as its method and the search it came
  /// from (the grid point) in its notes; its compile time, ILP solves and reuses cover every
  /// search.
  ///
  /// - Parameters:
  ///   - progress: Called as candidates are priced and ILPs solved; a phase is prefixed with its
  ///     grid point when there are several.
  /// - Throws: ``PlannerError``: ``PlannerError/invalidOption(_:)`` when the baseline cannot
  ///   apply to the model or cluster (DeepSpeed-MoE on a dense model, inter-op only with fewer
  ///   layers than devices), ``PlannerError/doesNotFit(reason:)`` when no search yields a plan,
  ///   or whatever the planner throws.
  public func plan(
    _ model: ModelSource, on cluster: ClusterSpec, baseline: Baseline,
    progress: (@Sendable (PlannerProgress) -> Void)? = nil
  ) throws(PlannerError) -> Plan {
    let started = ContinuousClock.now
    let facts = baseline.needsModelFacts ? try baselineFacts(of: model) : nil
    let searches = try baseline.searches(on: cluster, facts: facts)
    var best: Plan?
    var firstFailure: (note: String?, reason: String)?
    var solves = 0
    var reused = 0
    for search in searches {
      let prefix = searches.count > 1 ? search.note.map { "\($0): " } ?? "" : ""
      var plan: Plan
      do {
        plan = try self.plan(
          model, on: cluster, space: search.space, method: baseline.rawValue,
          progress: progress.map { report in
            { @Sendable step in
              var step = step
              step.phase = prefix + step.phase
              step.elapsedSeconds = Self.seconds(since: started)
              report(step)
            }
          })
      } catch {
        guard searches.count > 1, case .doesNotFit(let reason) = error else { throw error }
        if firstFailure == nil { firstFailure = (search.note, reason) }
        continue
      }
      solves += plan.search.ilpSolves
      reused += plan.search.cacheHits
      if let note = search.note { plan.search.notes.insert(note, at: 0) }
      if best.map({ Self.ranks(plan, before: $0) }) ?? true { best = plan }
    }
    guard var best else {
      let failure = firstFailure.map { "\($0.note ?? baseline.rawValue): \($0.reason)" } ?? ""
      throw .doesNotFit(
        reason: "none of \(searches.count) \(baseline.rawValue) configurations fits (\(failure))")
    }
    if searches.count > 1 {
      best.search.notes.append("best of \(searches.count) \(baseline.rawValue) configurations")
    }
    best.search.ilpSolves = solves
    best.search.cacheHits = reused
    best.search.compileSeconds = Self.seconds(since: started)
    return best
  }

  /// Whether `plan` is better than `other`: valid before invalid, then faster; among invalid
  /// plans, fewer problems first.
  private static func ranks(_ plan: Plan, before other: Plan) -> Bool {
    let key = { (plan: Plan) -> (Int, Int, Double) in
      guard let estimate = plan.estimate else { return (2, 0, .infinity) }
      return (
        estimate.isValid ? 0 : 1, estimate.issues.count,
        estimate.iterationSeconds.isFinite ? estimate.iterationSeconds : .infinity
      )
    }
    return key(plan) < key(other)
  }

  /// The model's layer count under these options' layering, and its experts.
  private func baselineFacts(of model: ModelSource) throws(PlannerError) -> Baseline.ModelFacts {
    var microbatches = 1
    if case .count(let count) = options.microbatches { microbatches = max(count, 1) }
    let graph = try model.microbatchGraph(microbatches: microbatches)
    let layering = try PlanningContext.layering(of: graph, options: options)
    let partition: LayerPartition
    do {
      partition = try LayerPartition(graph: graph, layering: layering)
    } catch {
      throw .plan(error)
    }
    return Baseline.ModelFacts(
      name: model.name, layerCount: partition.layerCount,
      expertCount: ExpertParameters(graph: graph).expertCount)
  }
}
