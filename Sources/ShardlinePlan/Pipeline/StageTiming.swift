/// The durations a pipeline stage's work takes, as the simulator needs them.
///
/// A stage is a device group (a submesh) running one slice of the model; its compute times
/// already include any intra-operator collectives. All values are in seconds, finite and ≥ 0.
public struct StageTiming: Sendable, Codable, Hashable {
  /// Forward pass of one microbatch, in seconds.
  public var forwardSeconds: Double
  /// Backward pass of one microbatch, in seconds.
  public var backwardSeconds: Double
  /// Weight update once per iteration, after the stage's last backward, in seconds; includes the
  /// gradient synchronization across data-parallel replicas.
  public var updateSeconds: Double
  /// Sending one microbatch's forward output to the next stage, in seconds; ignored for the last
  /// stage.
  public var sendForwardSeconds: Double
  /// Sending the gradient of one microbatch's input back to the previous stage, in seconds;
  /// ignored for the first stage.
  public var sendBackwardSeconds: Double

  /// Creates a stage's timing; units are in the names, and the update and transfers default to 0.
  public init(
    forwardSeconds: Double, backwardSeconds: Double, updateSeconds: Double = 0,
    sendForwardSeconds: Double = 0, sendBackwardSeconds: Double = 0
  ) {
    self.forwardSeconds = forwardSeconds
    self.backwardSeconds = backwardSeconds
    self.updateSeconds = updateSeconds
    self.sendForwardSeconds = sendForwardSeconds
    self.sendBackwardSeconds = sendBackwardSeconds
  }
}
