import ShardlineIR
import ShardlineModels
import ShardlinePlan

/// The model being planned: a zoo configuration the planner can rebuild at any microbatch size,
/// or a fixed graph (from a file) that is one microbatch.
public enum ModelSource: Sendable {
  /// A zoo model; its batch is the global batch.
  case zoo(name: String, config: ModelConfig, training: TrainingOptions)
  /// A training-step graph taken as one microbatch.
  case graph(name: String, graph: Graph)

  /// The name plans and reports show.
  public var name: String {
    switch self {
    case .zoo(let name, _, _), .graph(let name, _): name
    }
  }

  /// The global batch: the zoo model's batch, or `microbatches` copies of the graph's.
  public func globalBatch(microbatches: Int) -> Int? {
    switch self {
    case .zoo(_, let config, _): config.batch
    case .graph: nil
    }
  }

  /// The training graph of one microbatch when the global batch is split `microbatches` ways.
  ///
  /// - Throws: ``PlannerError/indivisibleBatch(batch:microbatches:)``, or
  ///   ``PlannerError/model(_:)`` when the model cannot be built at that size.
  public func microbatchGraph(microbatches: Int) throws(PlannerError) -> Graph {
    switch self {
    case .graph(_, let graph):
      return graph
    case .zoo(let name, let config, let training):
      guard microbatches >= 1, config.batch % microbatches == 0 else {
        throw .indivisibleBatch(batch: config.batch, microbatches: microbatches)
      }
      do {
        let micro = try ModelOverrides(batch: config.batch / microbatches).apply(to: config)
        var graph = try micro.trainingStep(options: training)
        graph.name = name
        return graph
      } catch {
        throw .model("\(name) at microbatch size \(config.batch / microbatches): \(error)")
      }
    }
  }

  /// The plan's record of the model, for `graph` (one microbatch) and `microbatches`.
  public func planModel(graph: Graph, microbatches: Int) -> PlanModel {
    let config: ModelConfig?
    let training: TrainingOptions
    switch self {
    case .zoo(_, let zooConfig, let options):
      config = zooConfig
      training = options
    case .graph:
      config = nil
      training = TrainingOptions()
    }
    let digest = GraphSlice(
      of: graph, members: graph.nodes.map(\.id), users: graph.users()
    ).digest
    return PlanModel(
      name: name, config: config, training: training, graphDigest: digest,
      nodeCount: graph.nodes.count, parameterCount: graph.parameterCount,
      iterationFlops: graph.totalFlops * Double(microbatches))
  }
}
