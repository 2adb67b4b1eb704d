import ShardlineIR

extension Graph {
  /// The graph without the nodes no output depends on (inputs are always kept), renumbered.
  ///
  /// Unrolled loop conditions and unused results of the source program leave such nodes; they
  /// would otherwise be given phases and costed.
  func pruned() -> Graph {
    var live = [Bool](repeating: false, count: nodes.count)
    for input in inputs where nodes.indices.contains(input.node.rawValue) {
      live[input.node.rawValue] = true
    }
    var stack = outputs.map(\.node)
    while let next = stack.popLast() {
      guard nodes.indices.contains(next.rawValue), !live[next.rawValue] else { continue }
      live[next.rawValue] = true
      stack += self[next].operands
    }
    var renumbered = [NodeID](repeating: NodeID(0), count: nodes.count)
    var kept: [Node] = []
    for node in nodes where live[node.id.rawValue] {
      var copy = node
      copy.id = NodeID(kept.count)
      copy.operands = node.operands.map { renumbered[$0.rawValue] }
      renumbered[node.id.rawValue] = copy.id
      kept.append(copy)
    }
    var result = Graph(name: name, nodes: kept, inputs: inputs, outputs: outputs)
    for index in result.inputs.indices {
      result.inputs[index].node = renumbered[inputs[index].node.rawValue]
    }
    for index in result.outputs.indices {
      result.outputs[index].node = renumbered[outputs[index].node.rawValue]
    }
    return result
  }
}
