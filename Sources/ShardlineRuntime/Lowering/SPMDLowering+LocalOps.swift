import ShardlineIR
import ShardlineSharding

/// Localizing a node: checking that its op computes the right shard when run on local operand
/// shards under its strategy, and adjusting the shapes its result type and attributes carry.
extension SPMDLowering {
  /// The node to run on every device under `strategy`: the same op on local shapes.
  ///
  /// - Throws: ``LoweringError/unsupported(node:reason:)`` when the op run on local shards
  ///   would not give the strategy's output shard, ``LoweringError/localType(node:reason:)``
  ///   when the local op does not type-check.
  func localNode(_ node: Node, strategy: ShardingStrategy) throws(LoweringError) -> Node {
    func fail(_ reason: String) -> LoweringError { .unsupported(node: node.name, reason: reason) }
    let operandTypes = node.operands.map { graph[$0].type }
    guard strategy.operands.count == node.operands.count else {
      throw .invalidPlan(reason: "'\(node.name)' has a strategy for another operand count")
    }
    let required = requiredSpecs(of: node)
    let output = strategy.output.canonical(on: mesh)
    for (spec, type) in zip(required + [output], operandTypes + [node.type])
    where !spec.isValid(for: type.shape, on: mesh) {
      throw .invalidPlan(reason: "'\(node.name)' uses \(spec) for \(type) on a \(mesh) mesh")
    }
    var completed = Set(output.partialAxes)
    for collective in strategy.collectives {
      guard collective.kind == .allReduce else {
        throw fail("its strategy performs a \(collective.kind) the lowering does not run")
      }
      completed.formUnion(collective.axes.filter { mesh.sizes[$0] > 1 })
    }
    let layout = try LocalLayout(
      node: node, operandTypes: operandTypes, operands: required, output: output.withoutPartial,
      isZero: isZeroLiteral)
    let partial = try layout.partialAxes()
    guard partial == completed else {
      throw fail(
        "its operands \(required) give a partial sum over \(partial.sorted()), but its strategy "
          + "gives \(strategy.output) after \(strategy.collectives.count) collectives")
    }
    var local = node
    local.type = node.type.with(shape: output.localShape(of: node.type.shape, on: mesh))
    local.op = try layout.localOp(mesh: mesh)
    let localOperands = zip(required, operandTypes).map { spec, type in
      type.with(shape: spec.localShape(of: type.shape, on: mesh))
    }
    do {
      _ = try TypeChecker.resultType(
        of: local.op, operands: localOperands, declared: local.type, name: node.name)
    } catch {
      throw .localType(node: node.name, reason: error.description)
    }
    return local
  }

  /// Whether node `id` is a constant whose every element is zero.
  private func isZeroLiteral(_ id: NodeID) -> Bool {
    switch graph[id].op {
    case .constant(.splat(let value)): value == 0
    case .constant(.dense(let values)): values.allSatisfy { $0 == 0 }
    default: false
    }
  }
}
