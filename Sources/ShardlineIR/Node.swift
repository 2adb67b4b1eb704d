/// One operation in a ``Graph``, with its operands, result type and provenance.
public struct Node: Hashable, Codable, Sendable {
  /// The node's position in the graph.
  public var id: NodeID
  /// The operation.
  public var op: Op
  /// The values the operation reads, all earlier in the graph.
  public var operands: [NodeID]
  /// The result type, checked against the operands when the node is built or loaded.
  public var type: TensorType
  /// Hierarchical scope name, such as `layer3/attn/qkv`; shown by the explorer.
  public var name: String
  /// Forward, backward or update.
  public var phase: Phase
  /// The model layer the op belongs to; backward ops inherit their forward op's layer.
  public var layer: Int?
  /// For a backward op, the forward op whose vector–Jacobian product emitted it (so a planner
  /// that regroups forward ops into layers can bring their backward ops along); `nil` otherwise.
  public var differentiates: NodeID?

  /// Creates a node.
  public init(
    id: NodeID, op: Op, operands: [NodeID], type: TensorType, name: String, phase: Phase,
    layer: Int?, differentiates: NodeID? = nil
  ) {
    self.id = id
    self.op = op
    self.operands = operands
    self.type = type
    self.name = name
    self.phase = phase
    self.layer = layer
    self.differentiates = differentiates
  }
}
