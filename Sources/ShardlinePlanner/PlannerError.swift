import ShardlinePlan
import ShardlineSharding

/// Why the planner could not produce a plan.
public enum PlannerError: Error, Sendable, CustomStringConvertible {
  /// The global batch does not split into that many microbatches.
  case indivisibleBatch(batch: Int, microbatches: Int)
  /// The model could not be built.
  case model(String)
  /// No assignment of stages to submeshes fits in device memory.
  case doesNotFit(reason: String)
  /// An option that cannot be honoured.
  case invalidOption(String)
  /// The layering failed.
  case plan(PlanError)
  /// An intra-op solve failed.
  case sharding(layer: String, mesh: String, error: ShardingError)
  /// The caller cancelled the run (``CancellationFlag``).
  case cancelled

  /// One line naming what and where.
  public var description: String {
    switch self {
    case .indivisibleBatch(let batch, let microbatches):
      "a global batch of \(batch) does not split into \(microbatches) microbatches"
    case .model(let reason): "cannot build the model: \(reason)"
    case .doesNotFit(let reason): "no plan fits: \(reason)"
    case .invalidOption(let reason): reason
    case .plan(let error): error.description
    case .sharding(let layer, let mesh, let error): "\(layer) on \(mesh): \(error)"
    case .cancelled: "the search was cancelled"
    }
  }
}
