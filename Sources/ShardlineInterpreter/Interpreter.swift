import ShardlineIR

/// Evaluates a ``Graph`` on the CPU, node by node, in `f32` (see ``HostTensor`` for how other
/// element types are held).
///
/// It is the reference every other executor is checked against: the oracle for autodiff's
/// finite differences, the trainer of tiny models in tests, and the kernel library of the CPU
/// runtime. Results of `f16` and `bf16` nodes are rounded to that precision after every op, as a
/// device computing in that type would store them. Each intermediate value is freed as soon as
/// its last reader has run, and nodes no requested value depends on are not evaluated.
///
/// The graph must be well typed (built by `GraphBuilder` or passed through `Graph.validate()`);
/// the interpreter checks the inputs it is given and the graph's wiring, not every op's types.
public enum Interpreter: Sendable {
  /// Runs `graph` on `inputs` and returns its outputs.
  ///
  /// - Parameters:
  ///   - graph: A well-typed graph.
  ///   - inputs: One tensor per entry of `graph.inputs`, in that order, of the input node's type.
  /// - Returns: One tensor per entry of `graph.outputs`, in that order.
  /// - Throws: ``InterpreterError`` naming the input of the wrong count, shape or type, or the
  ///   node whose wiring is broken.
  public static func run(_ graph: Graph, inputs: [HostTensor]) throws(InterpreterError)
    -> [HostTensor]
  {
    try values(of: graph.outputs.map(\.node), in: graph, inputs: inputs)
  }

  /// Evaluates one node on its operands' values, as ``run(_:inputs:)`` does for each node.
  ///
  /// This is the CPU runtime's entry to the kernels: a device runs its local ops one at a time
  /// on the shards it holds. The result is rounded to the node's element type.
  ///
  /// - Parameters:
  ///   - node: Any op but `parameter`; its `operands` ids are ignored.
  ///   - operands: One tensor per operand of `node`, of the types its op was checked against.
  /// - Returns: A tensor of `node.type`.
  /// - Precondition: `node` is not a `parameter`, and `operands` have the types that
  ///   ``TypeChecker/resultType(of:operands:declared:name:)`` accepts for `node`.
  public static func evaluate(_ node: Node, operands: [HostTensor]) -> HostTensor {
    Kernels.evaluate(node, operands)
  }

  /// Runs `graph` on `inputs` and returns the values of the requested nodes, in request order.
  ///
  /// Any node may be requested (parameters, intermediates, outputs, the same node twice), so
  /// tests and the runtime can read values a graph does not output.
  ///
  /// - Throws: ``InterpreterError`` as ``run(_:inputs:)`` does, or
  ///   ``InterpreterError/unknownNode(_:)`` for a requested id outside the graph.
  /// - Complexity: the sum of the evaluated ops' costs; peak memory is the largest set of values
  ///   alive at once, not the whole graph.
  public static func values(of requested: [NodeID], in graph: Graph, inputs: [HostTensor])
    throws(InterpreterError) -> [HostTensor]
  {
    let count = graph.nodes.count
    if let bad = requested.first(where: { $0.rawValue < 0 || $0.rawValue >= count }) {
      throw .unknownNode(bad)
    }
    var values = try bind(inputs, of: graph)
    let plan = try Liveness(graph: graph, requested: requested)
    for (i, node) in graph.nodes.enumerated() where plan.isNeeded[i] && node.op != .parameter {
      values[i] = Kernels.evaluate(node, node.operands.map { values[$0.rawValue]! })
      for operand in Set(node.operands) where plan.lastUse[operand.rawValue] == i {
        values[operand.rawValue] = nil
      }
    }
    return requested.map { values[$0.rawValue]! }
  }

  /// The value slots of all nodes, with the inputs bound to their parameter nodes.
  private static func bind(_ inputs: [HostTensor], of graph: Graph) throws(InterpreterError)
    -> [HostTensor?]
  {
    guard inputs.count == graph.inputs.count else {
      throw .inputCount(graph: graph.name, expected: graph.inputs.count, got: inputs.count)
    }
    var values = [HostTensor?](repeating: nil, count: graph.nodes.count)
    var bound = Array(repeating: false, count: graph.nodes.count)
    for (index, (input, tensor)) in zip(graph.inputs, inputs).enumerated() {
      let id = input.node.rawValue
      guard id >= 0, id < graph.nodes.count, graph.nodes[id].op == .parameter else {
        throw .notAParameter(index: index, node: input.node)
      }
      let node = graph.nodes[id]
      guard tensor.type == node.type else {
        throw .inputType(
          index: index, node: node.id, name: node.name, expected: node.type, got: tensor.type)
      }
      var value = tensor
      if node.type.dtype == .f16 || node.type.dtype == .bf16 {
        Kernels.round(&value.storage, to: node.type.dtype)
      }
      values[id] = value
      bound[id] = true
    }
    for node in graph.nodes where node.op == .parameter && !bound[node.id.rawValue] {
      throw .unboundParameter(node: node.id, name: node.name)
    }
    return values
  }
}

/// Which nodes a run must evaluate, and after which node each value can be freed.
private struct Liveness {
  /// Whether some requested value depends on the node.
  var isNeeded: [Bool]
  /// The last needed node reading each node, or `Int.max` for requested nodes (kept to the end)
  /// and -1 for nodes nothing needed reads.
  var lastUse: [Int]

  init(graph: Graph, requested: [NodeID]) throws(InterpreterError) {
    let count = graph.nodes.count
    isNeeded = Array(repeating: false, count: count)
    lastUse = Array(repeating: -1, count: count)
    for id in requested { isNeeded[id.rawValue] = true }
    for (i, node) in graph.nodes.enumerated().reversed() where isNeeded[i] {
      for operand in node.operands {
        guard operand.rawValue >= 0, operand.rawValue < i else {
          throw .operandOutOfOrder(node: node.id, name: node.name, operand: operand)
        }
        isNeeded[operand.rawValue] = true
        lastUse[operand.rawValue] = max(lastUse[operand.rawValue], i)
      }
    }
    for id in requested { lastUse[id.rawValue] = .max }
  }
}
