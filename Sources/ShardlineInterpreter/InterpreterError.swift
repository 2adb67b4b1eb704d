import ShardlineIR

/// Why the interpreter could not run a graph: each case names the input or node at fault.
public enum InterpreterError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The number of input tensors differs from the graph's number of inputs.
  case inputCount(graph: String, expected: Int, got: Int)
  /// Input `index` (node `node`, named `name`) has the wrong shape or element type.
  case inputType(index: Int, node: NodeID, name: String, expected: TensorType, got: TensorType)
  /// A graph input refers to a node that is missing or is not a `parameter` op.
  case notAParameter(index: Int, node: NodeID)
  /// A `parameter` node is not among the graph's inputs, so nothing binds its value.
  case unboundParameter(node: NodeID, name: String)
  /// A requested result refers to a node the graph does not have.
  case unknownNode(NodeID)
  /// A node reads an operand that is not an earlier node (the graph is not topologically sorted).
  case operandOutOfOrder(node: NodeID, name: String, operand: NodeID)

  /// One line naming the input or node at fault.
  public var description: String {
    switch self {
    case .inputCount(let graph, let expected, let got):
      "graph '\(graph)' takes \(expected) input(s), got \(got)"
    case .inputType(let index, let node, let name, let expected, let got):
      "input \(index) '\(name)' (\(node)) must be \(expected), got \(got)"
    case .notAParameter(let index, let node):
      "input \(index) refers to \(node), which is not a parameter node of the graph"
    case .unboundParameter(let node, let name):
      "parameter \(node) '\(name)' is not a graph input"
    case .unknownNode(let node): "node \(node) is not in the graph"
    case .operandOutOfOrder(let node, let name, let operand):
      "node \(node) '\(name)' reads \(operand), which is not an earlier node"
    }
  }
}
