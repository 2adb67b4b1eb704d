import ShardlineIR
import ShardlinePlan
import ShardlinePlanner
import ShardlineRuntime

/// What the Run view runs on this machine: the plan itself when a step fits in its memory,
/// else a rehearsal, the plan scaled down (``Plan/scaledDown(by:batchBy:)``: its stages,
/// meshes, shardings and schedule kept, the model's sizes divided) by the smallest factor whose
/// step fits (``RunFootprint``), dividing the batch as little as the plan allows.
struct CPURehearsal {
  /// The model sizes' divisors tried, smallest first.
  static let factors = [2, 4, 8, 16, 32, 64, 128, 256]

  /// The plan run.
  let plan: Plan
  /// Its model.
  let source: ModelSource
  /// Its per-microbatch training graph.
  let graph: Graph
  /// Its training graph for the whole batch.
  let wholeGraph: Graph
  /// The divisors of the model's sizes and of its batch, or `nil` at full size.
  let scale: (factor: Int, batchFactor: Int)?

  /// The run of `plan` of `source` that its estimate says fits in `availableBytes`: the plan
  /// itself, else the first scale in order (factors ascending, then batch divisors ascending)
  /// after `previous` (`nil`: from the start) that fits.
  ///
  /// The estimate runs low (see ``RunFootprint``): a session of the result may still refuse,
  /// counting its lowered programs; then ask again with the refused scale as `previous`.
  ///
  /// - Throws: The planner's error when the model cannot be built, or
  ///   ``PlanRunError/hostMemory(_:availableBytes:)`` for the full-size plan when no scaled
  ///   plan fits either (a graph-file model cannot be scaled).
  init(
    plan: Plan, source: ModelSource, availableBytes: Double,
    after previous: (factor: Int, batchFactor: Int)? = nil
  ) throws {
    let graph = try source.microbatchGraph(microbatches: plan.microbatches)
    let whole = try source.microbatchGraph(microbatches: 1)
    let footprint = RunFootprint(
      plan: plan, estimate: try PlanEvaluator(graph: graph).evaluate(plan), wholeGraph: whole)
    if previous == nil, footprint.totalBytes <= availableBytes {
      self.init(plan: plan, source: source, graph: graph, wholeGraph: whole, scale: nil)
      return
    }
    for factor in Self.factors where factor >= previous?.factor ?? 0 {
      // The batch divided as little as fits: 1, 2, 4, … up to the factor itself.
      for batchFactor in [1] + Self.factors.filter({ $0 <= factor })
      where previous.map({ factor > $0.factor || batchFactor > $0.batchFactor }) ?? true {
        guard let scaled = try? plan.scaledDown(by: factor, batchBy: batchFactor),
          let config = scaled.model.config, let estimate = scaled.estimate
        else { continue }
        let scaledSource = ModelSource.zoo(
          name: scaled.model.name, config: config, training: scaled.model.training)
        let scaledWhole = try scaledSource.microbatchGraph(microbatches: 1)
        let scaledFootprint = RunFootprint(
          plan: scaled, estimate: estimate, wholeGraph: scaledWhole)
        guard scaledFootprint.totalBytes <= availableBytes else { continue }
        self.init(
          plan: scaled, source: scaledSource,
          graph: try scaledSource.microbatchGraph(microbatches: scaled.microbatches),
          wholeGraph: scaledWhole, scale: (factor, batchFactor))
        return
      }
    }
    throw PlanRunError.hostMemory(footprint, availableBytes: availableBytes)
  }

  private init(
    plan: Plan, source: ModelSource, graph: Graph, wholeGraph: Graph,
    scale: (factor: Int, batchFactor: Int)?
  ) {
    self.plan = plan
    self.source = source
    self.graph = graph
    self.wholeGraph = wholeGraph
    self.scale = scale
  }

  /// `rehearsal at 1/16 size (batch ÷ 4) to fit this machine: GPT hidden 160, …`, or `nil` at
  /// full size.
  var note: String? {
    guard let scale, let config = plan.model.config else { return nil }
    let batch = scale.batchFactor == 1 ? "" : " (batch ÷ \(scale.batchFactor))"
    return "rehearsal at 1/\(scale.factor) size\(batch) to fit this machine: \(config)"
  }
}
