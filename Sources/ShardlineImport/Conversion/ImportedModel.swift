import ShardlineIR

/// The result of importing a StableHLO training step.
public struct ImportedModel: Sendable {
  /// The training-step graph, validated, with roles, phases and `differentiates` inferred.
  public var graph: Graph
  /// The shardings `main`'s arguments ask for (`sdy.sharding`), in argument order; arguments
  /// without one are absent.
  public var argumentShardings: [ArgumentSharding]

  /// Creates a model.
  public init(graph: Graph, argumentShardings: [ArgumentSharding] = []) {
    self.graph = graph
    self.argumentShardings = argumentShardings
  }
}
