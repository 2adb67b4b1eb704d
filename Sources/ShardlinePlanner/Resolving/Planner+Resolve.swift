import ShardlineHardware
import ShardlineIR
import ShardlinePlan

/// Re-solving an edited plan: the intra-op ILP of some stages around the person's pins, or the
/// whole search with the pins carried over.
extension Planner {
  /// Re-solves `plan` of `source` within `scope`.
  ///
  /// `.sharding` keeps the stages' layers, meshes and devices, the microbatches and the
  /// schedule, and solves each listed stage's ops again on its mesh with the planner's options
  /// (memory fraction, solver limits, layer reuse) and the plan's intra-op options: unpinned
  /// layers reuse their layer profiles, a layer holding a pinned op is solved on its own with
  /// the pinned specs fixed, and pinned ops keep their decisions and flags. A stage that then
  /// overflows its devices is solved again under a lowered memory fraction, as the planner
  /// does. `.stagesAndSharding` runs the planner's whole search with the plan's layering,
  /// schedule and intra-op options, gives each pinned op's decision to the op in whichever
  /// stage it lands, and re-solves those stages as `.sharding` does.
  ///
  /// - Parameters:
  ///   - plan: The plan, possibly edited (``Plan/applying(_:graph:)``).
  ///   - source: The model it was made for.
  ///   - scope: What to rerun.
  ///   - cancellation: Checked before each intra-op ILP and between stages.
  ///   - progress: Called as stages are solved (and, for the whole search, as the planner's
  ///     search calls it).
  /// - Returns: The re-solved plan, evaluated (``Plan/estimate`` set), its ``Plan/search``
  ///   counting the extra solves and noting what was rerun.
  /// - Throws: ``PlannerError/cancelled`` once `cancellation` is set; ``PlannerError/plan(_:)``
  ///   for a plan that does not belong to `source` or has a stage that cannot be solved;
  ///   ``PlannerError/invalidOption(_:)`` for a stage not in the plan;
  ///   ``PlannerError/sharding(layer:mesh:error:)`` for a pin the op cannot take on its mesh;
  ///   whatever the search throws.
  public func resolve(
    _ plan: Plan, of source: ModelSource, scope: ResolveScope,
    cancellation: CancellationFlag? = nil,
    progress: (@Sendable (PlannerProgress) -> Void)? = nil
  ) throws(PlannerError) -> Plan {
    let started = ContinuousClock.now
    try cancellation.check()
    switch scope {
    case .sharding(let stages):
      return try resolveSharding(
        plan, of: source, stages: stages ?? Array(plan.stages.indices), started: started,
        cancellation: cancellation, progress: progress)
    case .stagesAndSharding:
      var planner = self
      planner.schedule = plan.schedule
      planner.options.sharding = plan.sharding
      planner.options.rematerialization = plan.rematerialization
      var searched = try planner.plan(
        source, on: plan.cluster, space: .full, method: plan.search.method,
        layering: plan.layering, cancellation: cancellation, progress: progress)
      searched.search.notes.append(
        "re-searched stages, submeshes, microbatches and sharding with the plan's layering")
      var touched = Set<Int>()
      for pin in plan.stages.flatMap(\.ops) where pin.pinned {
        for (index, stage) in searched.stages.enumerated() {
          for (position, op) in stage.ops.enumerated()
          where op.node == pin.node && op.name == pin.name {
            searched.stages[index].ops[position] = pin
            touched.insert(index)
          }
        }
      }
      guard !touched.isEmpty else { return searched }
      return try resolveSharding(
        searched, of: source, stages: touched.sorted(), started: started,
        cancellation: cancellation, progress: progress)
    }
  }

  /// `plan` with the intra-op ILP of `stages` solved again (see
  /// ``resolve(_:of:scope:cancellation:progress:)``), evaluated.
  private func resolveSharding(
    _ plan: Plan, of source: ModelSource, stages: [Int], started: ContinuousClock.Instant,
    cancellation: CancellationFlag?, progress: (@Sendable (PlannerProgress) -> Void)?
  ) throws(PlannerError) -> Plan {
    if let missing = stages.first(where: { !plan.stages.indices.contains($0) }) {
      throw .invalidOption("no stage \(missing) in a plan of \(plan.stages.count) stages")
    }
    var options = self.options
    options.sharding = plan.sharding
    options.rematerialization = plan.rematerialization
    let context = try PlanningContext(
      model: source, microbatches: plan.microbatches, cluster: plan.cluster, options: options,
      store: store, layering: plan.layering, cancellation: cancellation)
    do {
      try plan.check(against: context.graph)
    } catch {
      throw .plan(error)
    }
    let evaluator = PlanEvaluator(graph: context.graph)
    var result = plan
    var pending = Array(Set(stages)).sorted()
    var fraction = options.memoryFraction
    var notes = [Self.note(plan, stages: pending)]
    // As the planner does, a stage the evaluator finds over its devices' memory is solved
    // again with the memory it may use lowered by the overshoot (twice at most).
    while true {
      let resolver = StageResolver(
        context: context, plan: plan,
        capacityBytes: Double(plan.cluster.host.device.memoryBytes) * fraction,
        cancellation: cancellation)
      for (done, index) in pending.enumerated() {
        try cancellation.check()
        report(
          "re-solving stage \(index)", done: done, of: pending.count, context: context,
          started: started, to: progress)
        result.stages[index] = try resolver.resolve(stage: index)
      }
      report(
        "evaluating", done: pending.count, of: pending.count, context: context,
        started: started, to: progress)
      do {
        result.estimate = try evaluator.evaluate(result)
      } catch {
        throw .plan(error)
      }
      let over = (result.estimate?.issues ?? []).filter { $0.kind == .memory }
        .compactMap(\.stage).filter(pending.contains)
      guard !over.isEmpty, notes.count < 3, let estimate = result.estimate else { break }
      let overshoot = over.map { estimate.stages[$0].peakBytes / estimate.stages[$0].capacityBytes }
        .max()!
      let lowered = fraction / overshoot * 0.98
      notes.append(
        "stages \(over.map(String.init).joined(separator: ", ")) overflowed at memory fraction "
          + "\(Self.rounded(fraction)); solved again at \(Self.rounded(lowered))")
      fraction = lowered
      pending = over
    }
    let counters = context.profiler.counters.withLock { $0 }
    result.search.ilpSolves += counters.solves
    result.search.cacheHits += counters.reused
    if counters.worstStatus != "optimal" { result.search.solverStatus = counters.worstStatus }
    result.search.compileSeconds += Self.seconds(since: started)
    result.search.notes += notes
    return result
  }

  /// `re-solved the sharding of stages 0, 3 around 1 pinned op`.
  private static func note(_ plan: Plan, stages: [Int]) -> String {
    let pins = stages.reduce(0) { $0 + plan.stages[$1].ops.filter(\.pinned).count }
    let which =
      switch stages.count {
      case 0: "no stage"
      case plan.stages.count: "every stage"
      case 1: "stage \(stages[0])"
      default: "stages " + stages.map(String.init).joined(separator: ", ")
      }
    return "re-solved the sharding of \(which) around \(pins) pinned \(pins == 1 ? "op" : "ops")"
  }

  private func report(
    _ phase: String, done: Int, of total: Int, context: PlanningContext,
    started: ContinuousClock.Instant, to progress: (@Sendable (PlannerProgress) -> Void)?
  ) {
    guard let progress else { return }
    let counters = context.profiler.counters.withLock { $0 }
    progress(
      PlannerProgress(
        phase: phase, candidatesPriced: done, candidatesTotal: total,
        ilpSolves: counters.solves, cacheHits: counters.reused,
        elapsedSeconds: Self.seconds(since: started)))
  }
}
