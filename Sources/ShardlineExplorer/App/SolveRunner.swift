import ShardlinePlan
import ShardlinePlanner

/// The re-solves the explorer runs in the background, through
/// ``Planner/resolve(_:of:scope:cancellation:progress:)``.
public enum SolveRunner {
  /// The solver ``ExplorerStore`` runs: the selected stage's or every stage's intra-op ILP
  /// around the pinned ops, or the whole search with the pins carried over.
  ///
  /// The planner checks its own cancellation flag between solves; the store's flag is passed
  /// on to it at each progress report and before the run starts.
  public static let live: ExplorerStore.Solver = { job, isCancelled, progress in
    let scope: ResolveScope
    switch job.request {
    case .selectedStage: scope = .sharding(stages: [job.stage])
    case .allStages: scope = .sharding(stages: nil)
    case .stagesAndSharding: scope = .stagesAndSharding
    case .baseline(let baseline):
      // The baseline search takes no cancellation flag: a cancelled run finishes unseen.
      return try job.workspace.planner.plan(
        job.workspace.source, on: job.plan.cluster, baseline: baseline
      ) { report in
        progress(report.description, report.elapsedSeconds)
      }
    }
    let cancellation = CancellationFlag()
    if isCancelled() { cancellation.cancel() }
    return try job.workspace.planner.resolve(
      job.plan, of: job.workspace.source, scope: scope, cancellation: cancellation
    ) { report in
      if isCancelled() { cancellation.cancel() }
      progress(report.description, report.elapsedSeconds)
    }
  }
}
