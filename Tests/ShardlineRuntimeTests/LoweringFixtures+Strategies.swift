import ShardlineIR
import ShardlineSharding
import Testing

/// Lowering one op under every strategy the sharding pass enumerates for it.
extension LoweringFixtures {
  /// Node `id` of `graph` alone: one input per operand, of the operand's type (floats drawn
  /// from a normal distribution, integers from `0..<indexBound`), the node, and its value as the
  /// only output.
  static func isolated(_ id: NodeID, of graph: Graph, indexBound: Int) throws -> Graph {
    let node = graph[id]
    let b = GraphBuilder(name: node.name)
    let operands = try node.operands.enumerated().map { position, operand in
      let type = graph[operand].type
      return try b.input(
        "operand\(position)", type,
        initializer: type.dtype.isFloatingPoint
          ? .normal(stddev: 1) : .integers(upperBound: indexBound))
    }
    b.output(try b.emit(node.op, operands, type: node.type, label: node.name))
    return b.build()
  }

  /// The distinct ops of `graph` that `isIncluded` selects, each alone (see
  /// ``isolated(_:of:indexBound:)``), told apart by op and operand types.
  static func isolatedOps(
    of graph: Graph, indexBound: Int, where isIncluded: (Op) -> Bool
  ) throws -> [Graph] {
    var seen: Set<[String]> = []
    var result: [Graph] = []
    for node in graph.nodes where isIncluded(node.op) {
      let key = ["\(node.op)"] + node.operands.map { "\(graph[$0].type)" }
      guard seen.insert(key).inserted else { continue }
      result.append(try isolated(node.id, of: graph, indexBound: indexBound))
    }
    return result
  }

  /// Lowers `graph`, one op on its inputs, once per strategy the sharding pass enumerates for
  /// that op on `n0 × n1` (its inputs cut to the specs the strategy requires), and expects every
  /// device to match the interpreter.
  ///
  /// - Returns: The strategies run.
  @discardableResult
  static func expectEveryStrategyMatches(
    _ graph: Graph, _ n0: Int, _ n1: Int, options: ShardingOptions = ShardingOptions()
  ) async throws -> [ShardingStrategy] {
    let op = try #require(graph.outputs.first).node
    let all = context(graph, n0, n1, options: options).strategies(for: op)
    for chosen in all {
      let inputs = zip(chosen.operands, graph[op].operands).map { spec, operand in
        ShardingStrategy(
          name: "input", output: spec ?? .replicated(rank: graph[operand].type.rank),
          operands: [], computeSeconds: 0, collectives: [], outputBytesPerDevice: 0)
      }
      let label = "'\(graph.name)' as \(chosen.name) on \(n0)×\(n1)"
      do {
        try await expectMatchesInterpreter(
          graph, strategies: inputs + [chosen], mesh: MeshShape(n0, n1), label: label)
      } catch {
        Issue.record("\(label): \(error)")
      }
    }
    return all
  }
}
