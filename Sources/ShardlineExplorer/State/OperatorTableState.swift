import ShardlineIR

/// The stage view's operator table: order, filter, search, folding and cursor.
public struct OperatorTableState: Sendable, Hashable {
  /// What the table is ordered by.
  public enum SortKey: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Graph order, grouped by layer.
    case node
    /// Local compute time, largest first.
    case compute
    /// Communication time, largest first.
    case communication
    /// Result bytes per device, largest first.
    case memory

    /// The name shown in the table's title.
    public var description: String {
      switch self {
      case .node: "graph order"
      case .compute: "compute"
      case .communication: "communication"
      case .memory: "memory"
      }
    }
  }

  /// The order.
  public var sort: SortKey = .node
  /// Only ops of this phase, or all when `nil`.
  public var phase: Phase?
  /// Only ops whose name contains this text (case-insensitive), or all when empty.
  public var query = ""
  /// Layers whose ops are listed under their header (the others show only the header).
  public var expandedLayers: Set<Int> = []
  /// Scopes inside unfolded layers whose ops are listed under their header (`block3/attn`).
  public var expandedScopes: Set<String> = []
  /// The row under the cursor.
  public var cursor = 0

  /// Creates a table showing every layer folded, in graph order.
  public init() {}

  /// Whether rows are grouped under foldable layer headers (graph order, no search); sorted
  /// and searched tables list matching ops flat.
  public var groupsByLayer: Bool { sort == .node && query.isEmpty }
}
