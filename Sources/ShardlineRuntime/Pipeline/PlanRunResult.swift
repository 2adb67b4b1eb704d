import ShardlineInterpreter

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
  /// Each stage's computing time: the most any of its devices spent in local instructions
  /// (not waiting on other devices), in seconds.
  public var stageBusySeconds: [Double]

  /// Creates a result.
  public init(
    loss: Float, microbatchLosses: [Float], outputs: [HostTensor], seconds: Double,
    stageBusySeconds: [Double]
  ) {
    self.loss = loss
    self.microbatchLosses = microbatchLosses
    self.outputs = outputs
    self.seconds = seconds
    self.stageBusySeconds = stageBusySeconds
  }
}
