/// Why a plan cannot be run as a pipeline: each case names the stage or input at fault.
public enum PlanRunError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The plan does not fit the graph: a stage without a mesh, decisions the ops cannot take,
  /// devices shared between stages.
  case invalidPlan(reason: String)
  /// The stage needs something the pipeline runtime does not do yet.
  case unsupported(stage: Int, reason: String)
  /// The host inputs do not fit the graph: their count, or a shape that is not the graph's (with
  /// batch inputs `microbatches` times as large along dimension 0).
  case invalidInput(reason: String)
  /// A stage's op cannot be lowered to device programs.
  case lowering(stage: Int, LoweringError)
  /// A step would take more host memory than this machine has to spare.
  case hostMemory(RunFootprint, availableBytes: Double)

  /// One line naming what is wrong.
  public var description: String {
    switch self {
    case .invalidPlan(let reason): "invalid plan: \(reason)"
    case .unsupported(let stage, let reason): "stage \(stage) cannot run: \(reason)"
    case .invalidInput(let reason): "invalid inputs: \(reason)"
    case .lowering(let stage, let error): "stage \(stage): \(error)"
    case .hostMemory(let footprint, let available):
      "a step needs \(footprint) of host memory, more than the "
        + "\(RunFootprint.gibibytes(available)) this machine can spare: rehearse it scaled down"
    }
  }
}
