/// Structural and type checks of a whole graph, for graphs that did not come from a builder.
extension Graph {
  /// Checks node ids and order, every op's types, and the inputs' and outputs' roles.
  ///
  /// - Throws: ``IRError/invalidGraph(reason:)`` or the ``IRError/invalidOp(node:kind:reason:)``
  ///   of the first inconsistent node.
  public func validate() throws(IRError) {
    for (index, node) in nodes.enumerated() {
      guard node.id.rawValue == index else {
        throw .invalidGraph(reason: "node at position \(index) has id \(node.id.rawValue)")
      }
      for operand in node.operands where operand.rawValue < 0 || operand.rawValue >= index {
        throw .invalidGraph(
          reason: "node \(index) '\(node.name)' reads \(operand), which is not an earlier node")
      }
      if let source = node.differentiates, source.rawValue < 0 || source.rawValue >= index {
        throw .invalidGraph(
          reason: "node \(index) '\(node.name)' differentiates \(source), not an earlier node")
      }
      _ = try TypeChecker.resultType(
        of: node.op, operands: node.operands.map { nodes[$0.rawValue].type }, declared: node.type,
        name: node.name)
    }
    try validateInputs()
    try validateOutputs()
  }

  private func checkNode(_ id: NodeID, _ what: String) throws(IRError) {
    guard id.rawValue >= 0, id.rawValue < nodes.count else {
      throw .invalidGraph(reason: "\(what) refers to missing node \(id)")
    }
  }

  private func validateInputs() throws(IRError) {
    var seen = Set<NodeID>()
    for input in inputs {
      try checkNode(input.node, "an input")
      guard self[input.node].op == .parameter else {
        throw .invalidGraph(
          reason: "input \(input.node) '\(self[input.node].name)' is not a parameter op")
      }
      guard seen.insert(input.node).inserted else {
        throw .invalidGraph(reason: "input \(input.node) is listed twice")
      }
      if let parameter = input.parameter {
        try checkNode(parameter, "optimizer state \(input.node)")
        guard inputs.contains(where: { $0.node == parameter && $0.role == .parameter }) else {
          throw .invalidGraph(
            reason:
              "optimizer state \(input.node) names \(parameter), which is not a parameter input")
        }
      }
    }
    for node in nodes where node.op == .parameter && !seen.contains(node.id) {
      throw .invalidGraph(reason: "parameter node \(node.id) '\(node.name)' is not a graph input")
    }
  }

  private func validateOutputs() throws(IRError) {
    var losses = 0
    for output in outputs {
      try checkNode(output.node, "an output")
      switch output.role {
      case .loss:
        losses += 1
        guard self[output.node].type.rank == 0 else {
          throw .invalidGraph(reason: "loss \(output.node) is not a scalar")
        }
      case .updatedParameter, .updatedOptimizerState:
        guard let replaced = output.replaces else {
          throw .invalidGraph(
            reason: "update output \(output.node) does not say which input it replaces")
        }
        guard let input = inputs.first(where: { $0.node == replaced }) else {
          throw .invalidGraph(
            reason: "output \(output.node) replaces \(replaced), which is not an input")
        }
        let expected: InputRole = output.role == .updatedParameter ? .parameter : .optimizerState
        guard input.role == expected, self[replaced].type == self[output.node].type else {
          throw .invalidGraph(
            reason: "output \(output.node) does not match the input \(replaced) it replaces")
        }
      case .value: break
      }
    }
    if losses > 1 { throw .invalidGraph(reason: "\(losses) loss outputs; at most one is allowed") }
  }
}
