/// Which part of a training step an operation belongs to.
public enum Phase: String, Codable, Sendable, CaseIterable, Hashable {
  /// The forward pass, from the batch to the loss.
  case forward
  /// The backward pass: gradients of the loss, emitted by autodiff.
  case backward
  /// The optimizer update of parameters and optimizer state.
  case update
}
