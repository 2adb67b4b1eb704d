import ShardlineHardware
import ShardlineIR

/// Why an edit cannot be applied to a plan.
public enum PlanEditError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A stage index outside the plan.
  case noStage(stage: Int, stageCount: Int)
  /// A boundary move after the last stage (there is no next stage).
  case noNextStage(stage: Int)
  /// A boundary move that would leave stage `stage`, of `layerCount` layers, empty.
  case stageWouldEmpty(stage: Int, layerCount: Int, giving: Int)
  /// A submesh larger than the cluster's physical mesh (hosts × devices per host).
  case submeshTooLarge(SubmeshShape, mesh: PhysicalMesh)
  /// A logical shape whose device count is not the stage's.
  case shapeMismatch(devices: Int, shape: LogicalMeshShape)
  /// A microbatch count that does not divide the global batch (or is below 1).
  case indivisibleBatch(batch: Int, microbatches: Int)
  /// A node no stage computes.
  case noOp(node: NodeID)
  /// The plan's layering does not fit the graph the edit was given.
  case layering(reason: String)

  /// One line naming what and where.
  public var description: String {
    switch self {
    case .noStage(let stage, let count):
      "no stage \(stage) in a plan of \(count) \(count == 1 ? "stage" : "stages")"
    case .noNextStage(let stage):
      "stage \(stage) is the last stage: it has no boundary with a next stage"
    case .stageWouldEmpty(let stage, let count, let giving):
      "stage \(stage) has only \(count) \(count == 1 ? "layer" : "layers"): "
        + "it cannot give \(giving) away"
    case .submeshTooLarge(let shape, let mesh):
      "a \(shape) submesh is larger than the cluster (\(mesh) hosts × devices)"
    case .shapeMismatch(let devices, let shape):
      "\(devices) \(devices == 1 ? "device" : "devices") cannot be viewed as \(shape)"
    case .indivisibleBatch(let batch, let microbatches):
      "a batch of \(batch) does not split into \(microbatches) microbatches"
    case .noOp(let node): "no op \(node) in the plan"
    case .layering(let reason): "cannot split the graph into layers: \(reason)"
    }
  }
}
