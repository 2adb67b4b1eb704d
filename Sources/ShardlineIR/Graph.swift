/// A dataflow graph of tensor operations in topological order, with its inputs and outputs.
///
/// A training-step graph maps (parameters, optimizer state, batch) to (loss, new parameters,
/// new optimizer state). Node `i` has ``NodeID`` `i` and reads only nodes before it. Build graphs
/// with ``GraphBuilder``; graphs loaded from JSON are re-checked by ``validate()``.
public struct Graph: Hashable, Codable, Sendable {
  /// A short name of what the graph computes (`gpt-tiny`).
  public var name: String
  /// All nodes, topologically ordered; `nodes[i].id.rawValue == i`.
  public var nodes: [Node]
  /// The `parameter` nodes, in calling order, with their roles.
  public var inputs: [GraphInput]
  /// The results, in order, with their roles.
  public var outputs: [GraphOutput]

  /// Creates a graph from parts; call ``validate()`` on graphs not made by ``GraphBuilder``.
  public init(name: String, nodes: [Node], inputs: [GraphInput], outputs: [GraphOutput]) {
    self.name = name
    self.nodes = nodes
    self.inputs = inputs
    self.outputs = outputs
  }

  /// The node with the given id.
  public subscript(id: NodeID) -> Node { nodes[id.rawValue] }

  /// Inputs with the given role.
  public func inputs(_ role: InputRole) -> [GraphInput] { inputs.filter { $0.role == role } }

  /// The loss output's node, if the graph has one.
  public var loss: NodeID? { outputs.first { $0.role == .loss }?.node }

  /// For each node, the nodes that read it (in node order, with repeats for repeated operands).
  public func users() -> [[NodeID]] {
    var users = Array(repeating: [NodeID](), count: nodes.count)
    for node in nodes {
      for operand in node.operands { users[operand.rawValue].append(node.id) }
    }
    return users
  }

  /// Total bytes of the trainable parameters (their declared element type).
  public var parameterBytes: Int {
    inputs(.parameter).reduce(0) { $0 + self[$1.node].type.byteCount }
  }

  /// Total number of trainable parameter elements.
  public var parameterCount: Int {
    inputs(.parameter).reduce(0) { $0 + self[$1.node].type.elementCount }
  }
}
