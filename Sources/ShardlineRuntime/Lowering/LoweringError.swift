import ShardlineIR

/// Why a plan could not be lowered to device programs: each case names the node at fault.
public enum LoweringError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The lowering cannot run `node` on local shards under its strategy (an op kind, attribute
  /// or layout it does not localize), rather than risk a wrong answer.
  case unsupported(node: String, reason: String)
  /// The plan does not fit the graph or the mesh: a missing strategy, a spec of the wrong rank,
  /// a device count that is not the mesh's.
  case invalidPlan(reason: String)
  /// The local op does not type-check on the local shard shapes.
  case localType(node: String, reason: String)

  /// One line naming the node and why.
  public var description: String {
    switch self {
    case .unsupported(let node, let reason): "cannot lower '\(node)': \(reason)"
    case .invalidPlan(let reason): "invalid plan: \(reason)"
    case .localType(let node, let reason): "local op for '\(node)' does not type-check: \(reason)"
    }
  }
}
