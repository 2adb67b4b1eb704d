import ShardlineInterpreter
import ShardlinePlan

/// What one pipelined iteration of a plan computed, and how long it took.
public struct PlanRunResult: Sendable {
  /// The iteration's loss: the mean of the microbatches' losses.
  public var loss: Float
  /// Each microbatch's loss, by microbatch.
  public var microbatchLosses: [Float]
  /// The training graph's outputs in its order: the loss (the iteration's), then the updated
  /// parameters and optimizer state, whole.
  public var outputs: [HostTensor]
  /// Wall time of the run, from the first device starting to the last finishing, in seconds.
  public var seconds: Double
  /// Each stage's computing time: the most any of its devices spent in the local instructions
  /// (not waiting on other devices) of the stage's tasks, in seconds.
  public var stageBusySeconds: [Double]
  /// The measured timeline of the iteration: when each stage ran each forward, backward and
  /// update, in seconds from the start of the run, in the form the pipeline simulator gives the
  /// planned one (see ``PlanRun/measuredTimeline(_:)``).
  public var timeline: PipelineTimeline

  /// Creates a result.
  public init(
    loss: Float, microbatchLosses: [Float], outputs: [HostTensor], seconds: Double,
    stageBusySeconds: [Double], timeline: PipelineTimeline
  ) {
    self.loss = loss
    self.microbatchLosses = microbatchLosses
    self.outputs = outputs
    self.seconds = seconds
    self.stageBusySeconds = stageBusySeconds
    self.timeline = timeline
  }
}
