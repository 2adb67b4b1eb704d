/// The explorer's main views, in the order of the tab bar.
public enum ExplorerPage: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Model, cluster, pipeline and the stage list.
  case overview
  /// The cluster as hosts × devices, coloured by stage.
  case meshMap
  /// One stage: time and memory breakdowns and its operator table.
  case stage
  /// One operator: every strategy it could take.
  case `operator`
  /// The pipeline schedule as a Gantt chart.
  case timeline
  /// Two or more plans side by side.
  case compare
  /// Training steps of the plan on this machine's CPU, measured against its estimates.
  case run

  /// The tab's title.
  public var description: String {
    switch self {
    case .overview: "Overview"
    case .meshMap: "Mesh"
    case .stage: "Stage"
    case .operator: "Operator"
    case .timeline: "Timeline"
    case .compare: "Compare"
    case .run: "Run"
    }
  }

  /// The digit that switches to it.
  public var shortcut: Character { Character(String(rawValue + 1)) }
}
