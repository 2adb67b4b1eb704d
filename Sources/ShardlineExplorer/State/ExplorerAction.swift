import ShardlinePlan
import ShardlinePlanner

/// Everything that can happen to the explorer: a person's intent (from a key binding), or a
/// result posted back by background work. The reducer turns each into a new state.
public enum ExplorerAction: Sendable, Hashable {
  // Moving around.
  case moveUp, moveDown, moveLeft, moveRight
  case pageUp, pageDown, home, end
  /// Opens what is under the cursor (a stage, an op, a folded layer).
  case open
  /// Goes back to the previous view.
  case back
  /// Moves the keys to the next pane of a two-pane view.
  case nextPane
  /// Switches to a view.
  case show(ExplorerPage)
  /// Makes the next (or previous, with -1) open plan the active one.
  case switchDocument(Int)
  /// Opens or closes the help overlay.
  case toggleHelp

  // Edits, each re-costed at once.
  /// Moves the end of the selected stage by this many layers.
  case moveBoundary(Int)
  /// Gives the selected stage the next (+1) or previous (-1) submesh shape.
  case cycleSubmesh(Int)
  /// Views the selected stage's devices as the next logical shape.
  case cycleLogicalShape
  /// Pins the selected op to the strategy under the operator view's cursor.
  case pinSelectedStrategy
  /// Lets the solver choose the selected op's strategy again.
  case unpinSelectedOperator
  /// Doubles (+1) or halves (-1) the microbatch count.
  case changeMicrobatches(Int)
  /// Switches between the 1F1B and GPipe schedules.
  case toggleSchedule
  case undo, redo

  // Files.
  case save
  case beginSaveAs
  /// The app wrote (or failed to write) a plan file.
  case saveFinished(document: Int, revision: Int, path: String, plan: Plan, error: String?)

  // Typing into a prompt.
  case inputCharacter(Character)
  case inputBackspace
  case submitInput
  case cancelInput

  // The operator table.
  case cycleSort
  case cyclePhaseFilter
  case beginSearch
  case expandAllLayers
  case collapseAllLayers

  // The timeline.
  case zoomIn, zoomOut
  /// Shows the last run's measured timeline instead of the plan's estimate, or back.
  case toggleMeasuredTimeline

  // The compare view.
  /// Compares against the next plan (the saved version, then each other open plan).
  case cycleComparison

  // Re-solving in the background.
  case resolve(ResolveRequest)
  case cancelSolve
  /// Progress of a re-solve.
  case solveProgressed(id: Int, line: String, elapsedSeconds: Double)
  /// A re-solve ended with a plan or a one-line error.
  case solveFinished(id: Int, plan: Plan?, error: String?)

  // Running the plan on the CPU in the background.
  /// Runs the active plan's training steps on this machine's CPU, showing the Run view.
  case startRun
  /// Stops the run between steps.
  case cancelRun
  /// Adds this many steps (or removes, when negative) to the next run.
  case changeRunSteps(Int)
  /// Step `step` (from 1) of run `id` ended: its loss, wall time, each stage's computing time
  /// and its measured timeline.
  case runProgressed(
    id: Int, step: Int, loss: Float, seconds: Double, stageSeconds: [Double],
    timeline: PipelineTimeline? = nil)
  /// Run `id` runs a scaled-down rehearsal of the plan, as `note` says, since the plan's step
  /// would not fit in this machine's memory.
  case runRehearsing(id: Int, note: String)
  /// Run `id` ended: after its last step, or with a one-line error.
  case runFinished(id: Int, error: String?)

  // Leaving.
  case quit
  /// The answer to the unsaved-edits question: save then quit, quit without saving.
  case quitSaving, quitDiscarding
}

/// What a re-solve reruns.
public enum ResolveRequest: Sendable, Hashable {
  /// The intra-op ILP of the selected stage, honouring its pinned ops.
  case selectedStage
  /// The intra-op ILP of every stage.
  case allStages
  /// The stage DP and then the intra-op ILP, honouring pinned ops.
  case stagesAndSharding
  /// A baseline's best plan for the same model and cluster, opened as a plan of its own to
  /// compare with.
  case baseline(Baseline)
}
