/// An error in building, checking or loading a graph, naming the op at fault.
public enum IRError: Error, Equatable, Sendable, CustomStringConvertible {
  /// An op's operands or attributes are inconsistent; `node` is its scope name.
  case invalidOp(node: String, kind: String, reason: String)
  /// A graph's structure is broken (bad ids, out-of-order operands, bad roles).
  case invalidGraph(reason: String)
  /// A graph file could not be read or parsed.
  case malformedJSON(reason: String)
  /// A graph file has a format version this build does not read.
  case unsupportedVersion(found: Int, supported: Int)
  /// Autodiff met something it cannot differentiate.
  case notDifferentiable(node: String, reason: String)

  public var description: String {
    switch self {
    case .invalidOp(let node, let kind, let reason): "\(kind) '\(node)': \(reason)"
    case .invalidGraph(let reason): "invalid graph: \(reason)"
    case .malformedJSON(let reason): "malformed graph JSON: \(reason)"
    case .unsupportedVersion(let found, let supported):
      "graph JSON version \(found) is not supported (this build reads version \(supported))"
    case .notDifferentiable(let node, let reason): "cannot differentiate '\(node)': \(reason)"
    }
  }
}
