import ShardlineIR
import ShardlineModels

/// The model a plan was made for, enough to rebuild its training graph and to recognize it.
public struct PlanModel: Sendable, Codable, Hashable {
  /// A zoo preset name (`gpt-39b`) or the graph file's name.
  public var name: String
  /// The zoo configuration, with the global batch; `nil` for a graph loaded from a file.
  public var config: ModelConfig?
  /// Precision and optimizer of the training step.
  public var training: TrainingOptions
  /// The structural digest of the per-microbatch training graph (see ``GraphSlice/digest``).
  public var graphDigest: String
  /// Nodes of the per-microbatch training graph.
  public var nodeCount: Int
  /// Trainable parameters.
  public var parameterCount: Int
  /// Forward, backward and update FLOPs of one whole iteration (all microbatches).
  public var iterationFlops: Double

  /// Creates a model description.
  public init(
    name: String, config: ModelConfig?, training: TrainingOptions, graphDigest: String,
    nodeCount: Int, parameterCount: Int, iterationFlops: Double
  ) {
    self.name = name
    self.config = config
    self.training = training
    self.graphDigest = graphDigest
    self.nodeCount = nodeCount
    self.parameterCount = parameterCount
    self.iterationFlops = iterationFlops
  }
}
