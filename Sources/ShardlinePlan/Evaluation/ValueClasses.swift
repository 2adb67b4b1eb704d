import ShardlineIR

/// What the evaluator and the runtime need to know about values of a training graph beyond their types: which
/// are computed once per iteration rather than per microbatch, and which forward values the
/// backward pass keeps.
public struct ValueClasses: Sendable {
  /// Values that do not depend on the batch (parameters, their converted copies): a stage that
  /// reads one from another stage receives it once per iteration.
  public let perIteration: [Bool]
  /// Backward values that only ever add up into a parameter's gradient (a tied embedding's
  /// contribution from the head): accumulated where they are produced over the microbatches and
  /// sent once per iteration, as Megatron-LM does for its tied word embeddings.
  public let accumulatesGradient: [Bool]

  /// Classifies every value of `graph`, a training-step graph.
  public init(graph: Graph) {
    let count = graph.nodes.count
    var dependsOnBatch = [Bool](repeating: false, count: count)
    for input in graph.inputs where input.role == .batch {
      dependsOnBatch[input.node.rawValue] = true
    }
    for node in graph.nodes where !dependsOnBatch[node.id.rawValue] {
      dependsOnBatch[node.id.rawValue] = node.operands.contains { dependsOnBatch[$0.rawValue] }
    }
    let users = graph.users()
    var accumulates = [Bool](repeating: false, count: count)
    for node in graph.nodes.reversed() where node.phase == .backward {
      let readers = users[node.id.rawValue]
      accumulates[node.id.rawValue] =
        !readers.isEmpty
        && readers.allSatisfy { reader in
          let user = graph[reader]
          if user.phase == .update { return true }
          switch user.op {
          case .binary(.add), .convert:
            return user.type.shape == node.type.shape && accumulates[reader.rawValue]
          default:
            return false
          }
        }
    }
    perIteration = dependsOnBatch.map { !$0 }
    accumulatesGradient = accumulates
  }
}
