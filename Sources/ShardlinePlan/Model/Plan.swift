import ShardlineHardware
import ShardlineSharding

/// A complete parallelization plan: pipeline stages, the devices each runs on, its logical mesh
/// and every op's sharding, with what it is estimated to cost and how it was found.
///
/// A plan is data: the planner, the baselines and a person editing a file all produce one, and
/// ``PlanEvaluator`` prices any of them the same way. Its JSON form is versioned
/// (``jsonFormat``, ``jsonVersion``) and deterministic: the same plan gives the same bytes.
public struct Plan: Sendable, Codable, Hashable {
  /// The model the plan was made for.
  public var model: PlanModel
  /// The cluster it runs on.
  public var cluster: ClusterSpec
  /// Sequences (or images) per iteration.
  public var globalBatch: Int
  /// Microbatches per iteration; each stage runs forward and backward once per microbatch.
  public var microbatches: Int
  /// The pipeline schedule.
  public var schedule: PipelineSchedule
  /// How the graph's ops are grouped into the layers stages are made of.
  public var layering: Layering
  /// Each layer's display name.
  public var layerNames: [String]
  /// Whether each layer recomputes its activations in its backward (activation checkpointing).
  public var rematerialization: Bool
  /// The intra-operator options the stages' shardings are costed with.
  public var sharding: ShardingOptions
  /// The stages, in pipeline order.
  public var stages: [PlanStage]
  /// The estimate of the evaluator when the plan was written (recomputed on load).
  public var estimate: PlanEstimate?
  /// How the plan was found.
  public var search: PlanSearch

  /// Creates a plan.
  public init(
    model: PlanModel, cluster: ClusterSpec, globalBatch: Int, microbatches: Int,
    schedule: PipelineSchedule, layering: Layering, layerNames: [String],
    rematerialization: Bool, sharding: ShardingOptions = ShardingOptions(), stages: [PlanStage],
    estimate: PlanEstimate? = nil, search: PlanSearch
  ) {
    self.model = model
    self.cluster = cluster
    self.globalBatch = globalBatch
    self.microbatches = microbatches
    self.schedule = schedule
    self.layering = layering
    self.layerNames = layerNames
    self.rematerialization = rematerialization
    self.sharding = sharding
    self.stages = stages
    self.estimate = estimate
    self.search = search
  }

  /// Sequences per microbatch.
  public var microbatchSize: Int { globalBatch / max(microbatches, 1) }
}
