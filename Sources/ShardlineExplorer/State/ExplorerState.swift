import ShardlineIR

/// Everything the explorer shows, as a value: the reducer changes it, views only read it.
public struct ExplorerState: Sendable {
  /// The plans open, in tab order; never empty.
  public var documents: [PlanDocument]
  /// The plan the views show.
  public var active = 0
  /// The view shown.
  public var page: ExplorerPage = .overview
  /// Views to go back to with Esc, most recent last.
  public var history: [ExplorerPage] = []
  /// The stage selected in the overview, the mesh map and the timeline, and shown by the stage
  /// view.
  public var selectedStage = 0
  /// The device under the mesh map's cursor, as an index into the cluster's devices.
  public var selectedDevice = 0
  /// The stage view's operator table.
  public var operatorTable = OperatorTableState()
  /// The op the operator view shows.
  public var selectedOperator: NodeID?
  /// The row of the operator view's strategy table under the cursor.
  public var selectedAlternative = 0
  /// The timeline's horizontal position and scale.
  public var timeline = TimelineViewport()
  /// Which plan the compare view sets the active one against.
  public var comparison: Comparison = .asSaved
  /// Which pane of a two-pane view has the keys (Tab switches).
  public var focusedPane = 0
  /// A box drawn over the view that takes the keys while it is open.
  public var overlay: Overlay?
  /// The re-solve running in the background, if one is.
  public var solve: SolveStatus?
  /// The last run of a plan on the CPU (running, or how it ended), if any.
  public var run: RunStatus?
  /// The steps the next run takes.
  public var runSteps = RunStatus.defaultSteps
  /// The last message for the status line.
  public var status: StatusMessage?
  /// Set when the explorer should exit.
  public var hasQuit = false
  /// Whether the explorer exits once the pending saves succeed.
  public var quitsAfterSaving = false
  /// The id the next re-solve or run gets (one sequence, so their ids never collide).
  var nextSolveID = 1
  /// Draw without colours (a monochrome terminal, or `NO_COLOR`).
  public var monochrome = false

  /// A state showing `documents`, the first one active.
  public init(documents: [PlanDocument]) {
    precondition(!documents.isEmpty, "the explorer needs a plan to show")
    self.documents = documents
  }

  /// The plan the views show.
  public var document: PlanDocument {
    get { documents[active] }
    set { documents[active] = newValue }
  }
}

/// Which plan the compare view sets the active plan against.
public enum Comparison: Sendable, Hashable {
  /// The active plan as last loaded or saved (before versus after its edits).
  case asSaved
  /// Another open plan.
  case document(Int)
}

/// The horizontal window of the timeline.
public struct TimelineViewport: Sendable, Hashable {
  /// Columns per iteration at zoom 1 are the chart's width; each zoom step doubles them.
  public var zoom = 0
  /// The left edge, as a fraction (0…1) of the iteration.
  public var start = 0.0
  /// Whether the chart shows the last run's measured timeline instead of the plan's estimate.
  public var showsMeasured = false

  /// Creates a viewport showing the whole iteration.
  public init() {}

  /// The fraction of the iteration the chart shows at once.
  public var visibleFraction: Double { 1 / Double(1 << zoom) }
}

/// A message for the status line.
public struct StatusMessage: Sendable, Hashable {
  /// The text.
  public var text: String
  /// Whether it reports a failure (drawn as an error).
  public var isError: Bool

  /// Creates a message.
  public init(_ text: String, isError: Bool = false) {
    self.text = text
    self.isError = isError
  }
}

/// A re-solve in the background.
public struct SolveStatus: Sendable, Hashable {
  /// Distinguishes runs, so a cancelled run's late result is ignored.
  public var id: Int
  /// The plan being re-solved.
  public var document: Int
  /// What is rerun.
  public var request: ResolveRequest
  /// What is rerun, for the progress box (`re-solving stage 2's sharding`).
  public var title: String
  /// The planner's last progress line.
  public var progress: String
  /// Seconds since it started, as last reported.
  public var elapsedSeconds: Double
}
