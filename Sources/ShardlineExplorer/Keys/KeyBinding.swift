/// One row of the key table: the keys, what they do, and how the footer and help describe it.
///
/// One table (``KeyMap``) drives the dispatch, the footer, the `?` help and the README's key
/// map, so they cannot disagree.
public struct KeyBinding: Sendable, Hashable {
  /// The keys that trigger it; the first is the one shown.
  public var keys: [Key]
  /// What it does.
  public var action: ExplorerAction
  /// A few words for the footer and the help (`pin strategy`).
  public var summary: String
  /// Whether the footer lists it (the help lists every binding).
  public var showInFooter: Bool

  /// Creates a binding.
  public init(_ keys: [Key], _ action: ExplorerAction, _ summary: String, footer: Bool = false) {
    self.keys = keys
    self.action = action
    self.summary = summary
    showInFooter = footer
  }

  /// The keys as the help shows them: `↑/k`.
  public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}

/// Where a key is read: the open overlay, or the view shown.
public enum KeyContext: Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Keys that work in every view.
  case global
  case overview, meshMap, stage, `operator`, timeline, compare, run
  /// In the Run view while a run is in flight.
  case running
  /// While a re-solve runs.
  case solving
  /// The help overlay.
  case help
  /// The unsaved-edits question.
  case confirmQuit
  /// Typing into a prompt.
  case input

  /// The heading of its section in the help.
  public var description: String {
    switch self {
    case .global: "Everywhere"
    case .overview: "Overview"
    case .meshMap: "Mesh map"
    case .stage: "Stage"
    case .operator: "Operator"
    case .timeline: "Timeline"
    case .compare: "Compare"
    case .run: "Run"
    case .running: "While running"
    case .solving: "While re-solving"
    case .help: "Help"
    case .confirmQuit: "Unsaved edits"
    case .input: "Prompt"
    }
  }

  /// The context of a view.
  public init(_ page: ExplorerPage) {
    switch page {
    case .overview: self = .overview
    case .meshMap: self = .meshMap
    case .stage: self = .stage
    case .operator: self = .operator
    case .timeline: self = .timeline
    case .compare: self = .compare
    case .run: self = .run
    }
  }
}
