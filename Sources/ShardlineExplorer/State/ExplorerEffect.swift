import ShardlinePlan

/// Work the reducer asks the app to do outside the state: files and background solves. Their
/// results come back as actions.
public enum ExplorerEffect: Sendable {
  /// Write `plan` atomically to `path`, then send ``ExplorerAction/saveFinished``.
  case save(document: Int, revision: Int, plan: Plan, path: String)
  /// Re-solve `plan` in the background, sending progress and the result with `id`.
  case startSolve(
    id: Int, plan: Plan, workspace: PlanWorkspace, request: ResolveRequest, stage: Int)
  /// Stop the re-solve `id`.
  case cancelSolve(id: Int)
}
