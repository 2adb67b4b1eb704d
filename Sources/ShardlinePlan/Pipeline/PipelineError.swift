/// Why a pipeline cannot be simulated. Each ``description`` reads as one line naming the value at
/// fault.
public enum PipelineError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The pipeline has no stages.
  case noStages
  /// The microbatch count `count` is below 1.
  case invalidMicrobatchCount(Int)
  /// `field` of stage `stage` is `seconds`, which is negative, infinite or not a number.
  case invalidTime(stage: Int, field: String, seconds: Double)
  /// The virtual stage count `count` is below 1.
  case invalidVirtualStageCount(Int)
  /// `virtualStages` > 1 was asked of `schedule`, which places one stage on each device group.
  case virtualStagesNeedInterleaving(schedule: PipelineSchedule, virtualStages: Int)
  /// `stages` virtual stages cannot be spread evenly over device groups of `virtualStages` chunks.
  case stagesNotDivisible(stages: Int, virtualStages: Int)
  /// The interleaved schedule takes microbatches in groups of `deviceGroups`, which does not
  /// divide `microbatches`.
  case microbatchesNotDivisible(microbatches: Int, deviceGroups: Int)

  /// The error as one line for the CLI to print.
  public var description: String {
    switch self {
    case .noStages: "a pipeline needs at least one stage"
    case .invalidMicrobatchCount(let count):
      "a pipeline needs at least 1 microbatch per iteration, not \(count)"
    case .invalidTime(let stage, let field, let seconds):
      "stage \(stage) has \(field) \(seconds): times must be finite and at least 0"
    case .invalidVirtualStageCount(let count):
      "virtual stages per device group must be at least 1, not \(count)"
    case .virtualStagesNeedInterleaving(let schedule, let virtualStages):
      "\(virtualStages) virtual stages per device group need the interleaved-1f1b schedule; "
        + "\(schedule) runs one stage per device group"
    case .stagesNotDivisible(let stages, let virtualStages):
      "\(stages) stages cannot be split evenly into device groups of \(virtualStages) "
        + "virtual stages each"
    case .microbatchesNotDivisible(let microbatches, let deviceGroups):
      "interleaved-1f1b runs microbatches in groups of the \(deviceGroups) device groups, "
        + "which does not divide \(microbatches) microbatches"
    }
  }
}
