/// What a ``PipelineTask`` does: compute on a stage's devices, or a transfer on a link.
public enum PipelineTaskKind: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
  /// The forward pass of one microbatch.
  case forward = "forward"
  /// The backward pass of one microbatch.
  case backward = "backward"
  /// The once-per-iteration weight update, including gradient synchronization.
  case update = "update"
  /// Sending one microbatch's activations to the next stage.
  case sendForward = "send-forward"
  /// Sending the gradient of one microbatch's input to the previous stage.
  case sendBackward = "send-backward"

  /// Whether the task occupies the stage's devices (forward, backward, update) rather than a link.
  public var isCompute: Bool {
    switch self {
    case .forward, .backward, .update: true
    case .sendForward, .sendBackward: false
    }
  }

  /// The raw value, such as `send-forward`.
  public var description: String { rawValue }
}
