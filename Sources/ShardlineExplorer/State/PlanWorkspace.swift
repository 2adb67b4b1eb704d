import ShardlineIR
import ShardlinePlan
import ShardlinePlanner
import Synchronization

/// What the explorer needs to re-cost and re-solve one model's plans: the model itself, one
/// evaluator per microbatch count (the per-microbatch graph depends on it) and the planner that
/// re-solves.
///
/// Evaluators keep their stage costings, so an edit re-prices only the stages it touched.
public final class PlanWorkspace: Sendable {
  /// The model the plans are of.
  public let source: ModelSource
  /// The planner re-solves run with.
  public let planner: Planner
  private let evaluators = Mutex<[Int: PlanEvaluator]>([:])

  /// A workspace for plans of `source`; `graph` is its per-microbatch graph at
  /// `microbatches`, when the caller already built it.
  public init(
    source: ModelSource, planner: Planner, graph: Graph? = nil, microbatches: Int? = nil
  ) {
    self.source = source
    self.planner = planner
    if let graph, let microbatches {
      evaluators.withLock { $0[microbatches] = PlanEvaluator(graph: graph) }
    }
  }

  /// The evaluator of plans with `microbatches` microbatches, building the graph on first use.
  ///
  /// - Throws: ``PlannerError`` when the model cannot be built at that microbatch size.
  public func evaluator(microbatches: Int) throws(PlannerError) -> PlanEvaluator {
    if let known = evaluators.withLock({ $0[microbatches] }) { return known }
    let evaluator = PlanEvaluator(graph: try source.microbatchGraph(microbatches: microbatches))
    evaluators.withLock { $0[microbatches] = evaluator }
    return evaluator
  }
}
