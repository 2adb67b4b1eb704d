import ShardlinePlan

/// One background re-solve, as the solver closure receives it: everything it needs, copied
/// out of the state so that it can run off the main actor.
public struct SolveJob: Sendable {
  /// The run's id; results with another id are ignored.
  public var id: Int
  /// The plan as it was when the re-solve started (pinned ops included).
  public var plan: Plan
  /// The model, evaluators and planner of the plan.
  public var workspace: PlanWorkspace
  /// What to rerun.
  public var request: ResolveRequest
  /// The selected stage, for ``ResolveRequest/selectedStage``.
  public var stage: Int

  /// Creates a job.
  public init(id: Int, plan: Plan, workspace: PlanWorkspace, request: ResolveRequest, stage: Int) {
    self.id = id
    self.plan = plan
    self.workspace = workspace
    self.request = request
    self.stage = stage
  }
}
