import ShardlinePlan

/// Work the reducer asks the app to do outside the state: files, background solves and runs.
/// Their results come back as actions.
public enum ExplorerEffect: Sendable {
  /// Write `plan` atomically to `path`, then send ``ExplorerAction/saveFinished``.
  case save(document: Int, revision: Int, plan: Plan, path: String)
  /// Re-solve `plan` in the background, sending progress and the result with `id`.
  case startSolve(
    id: Int, plan: Plan, workspace: PlanWorkspace, request: ResolveRequest, stage: Int)
  /// Stop the re-solve `id`.
  case cancelSolve(id: Int)
  /// Run `steps` training steps of `plan` on CPU devices in the background, sending each
  /// step's measurements and the end with `id`.
  case startRun(id: Int, plan: Plan, workspace: PlanWorkspace, steps: Int)
  /// Stop the run `id` before its next step.
  case cancelRun(id: Int)
}
