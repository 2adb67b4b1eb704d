import ShardlinePlan

/// One plan open in the explorer: the plan as edited, what the evaluator says of it, where it
/// is saved, and its undo history.
public struct PlanDocument: Sendable {
  /// A plan as it was at some point of the history.
  public struct Snapshot: Sendable {
    /// The plan.
    public var plan: Plan
    /// Its revision number.
    public var revision: Int
    /// What the edit that left this state did, for the status line (`moved a boundary`).
    public var label: String
  }

  /// The tab title: the file name, or the model's name for a plan not yet saved.
  public var title: String
  /// Where ``ExplorerAction/save`` writes; `nil` until the plan is saved as a file.
  public var path: String?
  /// The plan as edited.
  public private(set) var plan: Plan
  /// The evaluator's estimate of ``plan``; `nil` when it could not be evaluated.
  public private(set) var estimate: PlanEstimate?
  /// The simulated schedule of ``plan``; `nil` when it could not be simulated.
  public private(set) var timeline: PipelineTimeline?
  /// Why the plan could not be evaluated at all (a broken layering, a model that cannot be
  /// built), when it could not.
  public private(set) var evaluationError: String?
  /// The plan as last loaded or saved, with its estimate: the "before" of a before/after
  /// comparison.
  public private(set) var baseline: Plan
  /// Increases with every edit; undo and redo restore earlier numbers.
  public private(set) var revision = 0
  /// The revision last written to ``path``; `nil` for a plan never saved.
  public private(set) var savedRevision: Int?
  /// States to go back to, most recent last.
  public private(set) var undoStack: [Snapshot] = []
  /// States undone, to go forward to, most recent last.
  public private(set) var redoStack: [Snapshot] = []
  /// Every op of each stage inspected so far, priced as the evaluator prices it; cleared by
  /// every change of the plan.
  public private(set) var inspections: [Int: StageInspection] = [:]
  /// The model and evaluators the plan is re-costed with.
  public let workspace: PlanWorkspace
  private var nextRevision = 1

  /// Opens `plan` and evaluates it.
  ///
  /// - Parameters:
  ///   - path: The file it was read from (it counts as saved there), or `nil` for a new plan.
  public init(plan: Plan, title: String, path: String?, workspace: PlanWorkspace) {
    self.title = title
    self.path = path
    self.plan = plan
    self.workspace = workspace
    baseline = plan
    savedRevision = path == nil ? nil : 0
    evaluate()
    baseline.estimate = estimate
  }

  /// Whether there are edits not written to ``path``: a new plan left as it was opened (a
  /// compiled sample, kept in the plan cache anyway) has none.
  public var isDirty: Bool { revision != (savedRevision ?? 0) }

  /// Whether the evaluator found the plan runnable.
  public var isValid: Bool { estimate?.isValid ?? false }

  /// Replaces the plan with `edited` (re-costed at once), remembering the current state for
  /// undo; clears the redo history.
  public mutating func commit(_ edited: Plan, label: String) {
    undoStack.append(Snapshot(plan: plan, revision: revision, label: label))
    redoStack.removeAll()
    plan = edited
    revision = nextRevision
    nextRevision += 1
    evaluate()
  }

  /// Goes back one edit.
  ///
  /// - Returns: The label of the edit undone, or `nil` when there was none.
  public mutating func undo() -> String? { step(from: \.undoStack, to: \.redoStack) }

  /// Goes forward one undone edit.
  ///
  /// - Returns: The label of the edit redone, or `nil` when there was none.
  public mutating func redo() -> String? { step(from: \.redoStack, to: \.undoStack) }

  /// Restores the last state of `source`, keeping the current one on `destination`.
  private mutating func step(
    from source: WritableKeyPath<Self, [Snapshot]>,
    to destination: WritableKeyPath<Self, [Snapshot]>
  ) -> String? {
    guard let restored = self[keyPath: source].popLast() else { return nil }
    self[keyPath: destination].append(
      Snapshot(plan: plan, revision: revision, label: restored.label))
    plan = restored.plan
    revision = restored.revision
    evaluate()
    return restored.label
  }

  /// Records that `revision` was written to `path`.
  public mutating func markSaved(revision: Int, path: String, plan saved: Plan) {
    savedRevision = revision
    if self.path != path {
      self.path = path
      title = path.split(separator: "/").last.map(String.init) ?? path
    }
    baseline = saved
  }

  /// The plan as it should be written: with its current estimate.
  public var planForSaving: Plan {
    var written = plan
    written.estimate = estimate
    return written
  }

  /// Prices the ops of stage `stage` for the stage and operator views, unless already done.
  ///
  /// - Returns: Why they cannot be priced, or `nil`.
  public mutating func inspect(stage: Int) -> String? {
    guard inspections[stage] == nil else { return nil }
    do {
      let evaluator = try workspace.evaluator(microbatches: plan.microbatches)
      inspections[stage] = try evaluator.inspect(plan, stage: stage)
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// Prices ``plan`` with the workspace's evaluator for its microbatch count.
  private mutating func evaluate() {
    inspections = [:]
    do {
      let evaluator = try workspace.evaluator(microbatches: plan.microbatches)
      (estimate, timeline) = try evaluator.evaluation(of: plan)
      evaluationError = nil
    } catch {
      estimate = nil
      timeline = nil
      evaluationError = "\(error)"
    }
  }
}
