/// What can be wrong with a plan, its layering or its inputs.
public enum PlanError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The graph cannot be split into layers as asked.
  case invalidLayering(reason: String)
  /// A plan file that cannot be read: bad JSON, another format or version.
  case malformed(reason: String)
  /// A plan that does not match the model or cluster it is loaded against.
  case mismatch(what: String, planSays: String, actual: String)
  /// A stage whose decisions the cost model cannot price (an unknown op or spec).
  case invalidStage(stage: Int, reason: String)

  /// One line naming what is wrong and where.
  public var description: String {
    switch self {
    case .invalidLayering(let reason): "cannot split the graph into layers: \(reason)"
    case .malformed(let reason): "not a readable plan: \(reason)"
    case .mismatch(let what, let planSays, let actual):
      "the plan was made for \(what) \(planSays), but this is \(actual)"
    case .invalidStage(let stage, let reason): "stage \(stage): \(reason)"
    }
  }
}
