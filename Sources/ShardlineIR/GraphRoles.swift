/// What a graph input is to a training step.
public enum InputRole: String, Codable, Sendable, Hashable {
  /// A trainable parameter (in training-step graphs, the f32 master copy).
  case parameter
  /// Optimizer state of one parameter (momentum, Adam moments).
  case optimizerState
  /// Batch data: tokens, labels, images.
  case batch
}

/// A graph input: a `parameter` node and its role.
public struct GraphInput: Hashable, Codable, Sendable {
  /// The `parameter` node.
  public var node: NodeID
  /// Parameter, optimizer state or batch data.
  public var role: InputRole
  /// For optimizer state: the parameter it belongs to.
  public var parameter: NodeID?
  /// For optimizer state: which slot (`momentum`, `adam_m`, `adam_v`, `step`).
  public var slot: String?
  /// How a first value is drawn when running the graph from a seed.
  public var initializer: Initializer?

  /// Creates a graph input.
  public init(
    node: NodeID, role: InputRole, parameter: NodeID? = nil, slot: String? = nil,
    initializer: Initializer? = nil
  ) {
    self.node = node
    self.role = role
    self.parameter = parameter
    self.slot = slot
    self.initializer = initializer
  }
}

/// What a graph output is to a training step.
public enum OutputRole: String, Codable, Sendable, Hashable {
  /// The scalar training loss.
  case loss
  /// The new value of a parameter input.
  case updatedParameter
  /// The new value of an optimizer-state input.
  case updatedOptimizerState
  /// Any other result (a gradient, an activation).
  case value
}

/// A graph output: a node and what it means.
public struct GraphOutput: Hashable, Codable, Sendable {
  /// The node whose value is returned.
  public var node: NodeID
  /// Loss, update or plain value.
  public var role: OutputRole
  /// For updates: the input node this output replaces in the next step.
  public var replaces: NodeID?

  /// Creates a graph output.
  public init(node: NodeID, role: OutputRole, replaces: NodeID? = nil) {
    self.node = node
    self.role = role
    self.replaces = replaces
  }
}
