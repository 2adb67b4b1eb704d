import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding

/// The inter-operator planner (Alpa §5): clusters the graph into layers, profiles layers on
/// every submesh view with the intra-op ILP, runs the stage DP for each microbatch count, and
/// returns the best plan, evaluated.
public struct Planner: Sendable {
  /// Search options.
  public var options: PlannerOptions
  /// The pipeline schedule plans use.
  public var schedule: PipelineSchedule
  /// Where layer profiles are kept between runs; `nil` keeps them in memory only.
  public let cacheDirectory: URL?
  /// Layer profiles of every search this planner ran (baselines' grid points and re-solves
  /// share them).
  let store: ProfileStore

  /// Creates a planner.
  public init(
    options: PlannerOptions = PlannerOptions(), schedule: PipelineSchedule = .oneFOneB,
    cacheDirectory: URL? = nil
  ) {
    self.options = options
    self.schedule = schedule
    self.cacheDirectory = cacheDirectory
    store = ProfileStore(directory: cacheDirectory)
  }

  /// The best plan for `model` on `cluster` within `space`, with its estimate.
  ///
  /// - Parameters:
  ///   - method: Recorded in the plan (`shardline`, or a baseline's name).
  ///   - progress: Called as candidates are priced and ILPs solved.
  /// - Throws: ``PlannerError``: the model cannot be built or split, no plan fits, a solve failed.
  public func plan(
    _ model: ModelSource, on cluster: ClusterSpec, space: SearchSpace = .full,
    method: String = "shardline", progress: (@Sendable (PlannerProgress) -> Void)? = nil
  ) throws(PlannerError) -> Plan {
    try plan(
      model, on: cluster, space: space, method: method, layering: nil, cancellation: nil,
      progress: progress)
  }

  /// The best plan, as ``plan(_:on:space:method:progress:)`` finds it, with the graph split
  /// into layers as `layering` says (else as the options do), stopping at `cancellation`.
  func plan(
    _ model: ModelSource, on cluster: ClusterSpec, space: SearchSpace, method: String,
    layering: Layering?, cancellation: CancellationFlag?,
    progress: (@Sendable (PlannerProgress) -> Void)?
  ) throws(PlannerError) -> Plan {
    let started = ContinuousClock.now
    var attempt = self
    var notes: [String] = []
    var plan: Plan
    // The DP prices stages from per-layer profiles; the evaluator prices the assembled stages
    // exactly. When they disagree enough that a stage overflows, search again with the memory
    // the DP may use lowered by the overshoot (profiles are reused, so only the DP reruns).
    repeat {
      plan = try attempt.search(
        model, on: cluster, space: space, method: method, store: store, started: started,
        layering: layering, cancellation: cancellation, progress: progress)
      let overshoot =
        plan.estimate?.stages.map { $0.peakBytes / $0.capacityBytes }.max() ?? 0
      guard let estimate = plan.estimate, estimate.issues.contains(where: { $0.kind == .memory }),
        notes.count < 2
      else { break }
      let fraction = attempt.options.memoryFraction / overshoot * 0.98
      notes.append(
        "a stage overflowed at memory fraction \(Self.rounded(attempt.options.memoryFraction)); "
          + "searched again at \(Self.rounded(fraction))")
      attempt.options.memoryFraction = fraction
    } while true
    plan.search.notes += notes
    plan.search.compileSeconds = Self.seconds(since: started)
    return plan
  }

  /// One search at the options' memory fraction.
  private func search(
    _ model: ModelSource, on cluster: ClusterSpec, space: SearchSpace, method: String,
    store: ProfileStore, started: ContinuousClock.Instant, layering: Layering?,
    cancellation: CancellationFlag?, progress: (@Sendable (PlannerProgress) -> Void)?
  ) throws(PlannerError) -> Plan {
    let counts = try microbatchCounts(model)
    let submeshes = space.submeshes ?? cluster.physicalMesh.submeshShapes
    var known: [Int: PlanningContext] = [:]
    func context(for count: Int) throws(PlannerError) -> PlanningContext {
      if let existing = known[count] { return existing }
      let created = try PlanningContext(
        model: model, microbatches: count, cluster: cluster, options: options, store: store,
        layering: layering, cancellation: cancellation)
      known[count] = created
      return created
    }
    // Rank every count from profiles at two reference counts (a power law between them), then
    // solve the best few exactly, in order.
    let referenceCounts = Set([counts[counts.count / 4], counts[counts.count * 3 / 4]]).sorted()
    var references: [PlanningContext] = []
    for count in referenceCounts { references.append(try context(for: count)) }
    var estimates: [(microbatches: Int, seconds: Double)] = []
    for count in counts {
      try cancellation.check()
      let search = try run(
        references, microbatches: count, submeshes: submeshes, space: space, cluster: cluster,
        phase: "searching \(count) microbatches", started: started, progress: progress)
      if let solution = search.solution { estimates.append((count, solution.iterationSeconds)) }
    }
    estimates.sort { ($0.seconds, $0.microbatches) < ($1.seconds, $1.microbatches) }
    var found: (context: PlanningContext, solution: StageDPSolution, pricer: CandidatePricer)?
    for (count, _) in estimates.prefix(3) {
      try cancellation.check()
      let exact = try context(for: count)
      let search = try run(
        [exact], microbatches: count, submeshes: submeshes, space: space, cluster: cluster,
        phase: "solving \(count) microbatches", started: started, progress: progress)
      if let solution = search.solution {
        if found.map({ solution.iterationSeconds < $0.solution.iterationSeconds }) ?? true {
          found = (exact, solution, search.pricer)
        }
        if count == estimates.first?.microbatches { break }
      }
    }
    guard let (chosenContext, solution, pricer) = found else {
      throw .doesNotFit(
        reason:
          "no split of \(references[0].partition.layerCount) layers over \(cluster.deviceCount) "
          + "devices "
          + "fits in \(ByteCount(Double(cluster.host.device.memoryBytes) * options.memoryFraction)) "
          + "per device at any of \(counts.map(String.init).joined(separator: ", ")) microbatches")
    }
    let context = chosenContext
    let chosen = context.microbatches
    let stages = try PlanAssembler(context: context, pricer: pricer).stages(of: solution)
    let totals = known.keys.sorted().map { known[$0]!.profiler.counters.withLock { $0 } }
    var plan = Plan(
      model: model.planModel(graph: context.graph, microbatches: chosen), cluster: cluster,
      globalBatch: model.globalBatch(microbatches: chosen) ?? chosen
        * (Self.batchDimension(of: context.graph) ?? 1),
      microbatches: chosen, schedule: schedule, layering: context.layering,
      layerNames: context.partition.names, rematerialization: options.rematerialization,
      sharding: options.sharding,
      stages: stages,
      search: PlanSearch(
        method: method, options: recordedOptions(),
        solverStatus: totals.map(\.worstStatus).first { $0 != "optimal" } ?? "optimal",
        compileSeconds: 0, candidatesProfiled: solution.candidateCount,
        candidatesTotal: Self.candidateTotal(
          layers: context.partition.layerCount, submeshes: submeshes.count),
        ilpSolves: totals.reduce(0) { $0 + $1.solves },
        cacheHits: totals.reduce(0) { $0 + $1.reused }))
    progress?(
      PlannerProgress(
        phase: "evaluating", candidatesPriced: 0, candidatesTotal: 0,
        ilpSolves: plan.search.ilpSolves, cacheHits: plan.search.cacheHits,
        elapsedSeconds: Self.seconds(since: started)))
    if context.updateSpansLayers {
      plan.search.notes.append(
        "one stage: the optimizer update reads a statistic over all gradients (such as "
          + "clipping by global norm), which each stage's separate update cannot wait for")
    }
    do {
      plan.estimate = try PlanEvaluator(graph: context.graph)
        .evaluate(plan)
    } catch {
      throw .plan(error)
    }
    return plan
  }

  /// One stage DP at `microbatches` with profiles from `context`.
  private func run(
    _ contexts: [PlanningContext], microbatches: Int, submeshes: [SubmeshShape],
    space: SearchSpace, cluster: ClusterSpec, phase: String, started: ContinuousClock.Instant,
    progress: (@Sendable (PlannerProgress) -> Void)?
  ) throws(PlannerError) -> (solution: StageDPSolution?, pricer: CandidatePricer) {
    let layers = contexts[0].partition.layerCount
    var stageCounts = space.stageCounts
    if contexts[0].updateSpansLayers {
      guard (stageCounts?.lowerBound ?? 1) <= 1 else {
        throw .invalidOption(
          "the model's optimizer update reads a statistic over all its gradients (such as "
            + "clipping by global norm), which needs one stage; the search asks for at least "
            + "\(stageCounts?.lowerBound ?? 1)")
      }
      stageCounts = 1...1
    }
    let total = Self.candidateTotal(layers: layers, submeshes: submeshes.count)
    let profilers = contexts.map(\.profiler)
    let pricer = CandidatePricer(
      contexts: contexts, microbatches: microbatches, submeshes: submeshes, space: space,
      cluster: cluster, options: options,
      onPriced: { priced in
        guard let progress, priced % 64 == 0 || priced == total else { return }
        let counters = profilers.map { $0.counters.withLock { $0 } }
        progress(
          PlannerProgress(
            phase: phase, candidatesPriced: priced, candidatesTotal: total,
            ilpSolves: counters.reduce(0) { $0 + $1.solves },
            cacheHits: counters.reduce(0) { $0 + $1.reused },
            elapsedSeconds: Self.seconds(since: started)))
      })
    pricer.prepareTables()
    if let error = pricer.error { throw error }
    let problem = StageDPProblem(
      layerCount: layers, mesh: cluster.physicalMesh, submeshes: submeshes,
      microbatches: microbatches, deviceMemoryBytes: pricer.capacityBytes,
      stageCounts: stageCounts, cost: pricer.price)
    let solution = StageDP.solve(problem)
    if let error = pricer.error { throw error }
    return (solution, pricer)
  }

  /// The microbatch counts to try.
  private func microbatchCounts(_ model: ModelSource) throws(PlannerError) -> [Int] {
    switch options.microbatches {
    case .count(let count):
      guard count >= 1 else { throw .invalidOption("--microbatches must be at least 1") }
      if let batch = model.globalBatch(microbatches: count), batch % count != 0 {
        throw .indivisibleBatch(batch: batch, microbatches: count)
      }
      return [count]
    case .automatic:
      guard let batch = model.globalBatch(microbatches: 1) else { return [1] }
      var counts: [Int] = []
      var count = 1
      while count <= batch {
        if batch % count == 0 { counts.append(count) }
        count *= 2
      }
      if counts.last != batch { counts.append(batch) }
      return counts
    }
  }

  private func recordedOptions() -> [String: String] {
    [
      "layers": options.layers.description, "microbatches": options.microbatches.description,
      "schedule": schedule.rawValue, "memory-fraction": "\(options.memoryFraction)",
      "imbalance-limit": "\(options.imbalanceLimit)",
      "reuse-identical-layers": "\(options.reusesIdenticalLayers)",
      "rematerialization": "\(options.rematerialization)",
    ]
  }

  private static func candidateTotal(layers: Int, submeshes: Int) -> Int {
    layers * (layers + 1) / 2 * submeshes
  }

  /// The leading size of the graph's first batch input: its microbatch size.
  private static func batchDimension(of graph: Graph) -> Int? {
    graph.inputs.first { $0.role == .batch }.flatMap { graph[$0.node].type.shape.first }
  }

  static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

  static func seconds(since start: ContinuousClock.Instant) -> Double {
    let (whole, attoseconds) = (ContinuousClock.now - start).components
    return Double(whole) + Double(attoseconds) * 1e-18
  }
}
