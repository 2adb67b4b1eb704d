import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// One edit a person makes to a plan in the explorer.
///
/// An edit changes the plan as written and solves nothing: ``Plan/applying(_:graph:)`` returns
/// the edited plan without an estimate, ``PlanEvaluator`` prices it (reporting what no longer
/// fits as issues), and a re-solve fills in what the edit left to the solver.
public enum PlanEdit: Sendable, Hashable {
  /// Moves the boundary between stage `stage` and `stage + 1` by `layers`: positive, stage
  /// `stage` takes the next stage's first `layers` layers; negative, it gives its last
  /// `-layers` layers to the next stage.
  ///
  /// A moved layer's ops move with it. On the receiving stage it takes the decisions of the
  /// nearest layer there with the same structure (the same ``GraphSlice/digest``), op by op,
  /// except its pinned ops; with no such layer it keeps its own decisions.
  case moveBoundary(stage: Int, layers: Int)
  /// Gives stage `stage` another submesh shape. Every stage's devices are placed again
  /// (contiguously in pipeline order when that tiles the cluster, else first fit, else one
  /// after another past the cluster's end, which the evaluator reports) and the stage's logical
  /// shape becomes the submesh's natural view (hosts × devices per host). Decisions are kept.
  case setSubmesh(stage: Int, SubmeshShape)
  /// Views stage `stage`'s devices as another logical 2-D shape with the same device count.
  /// Decisions are kept.
  case setLogicalShape(stage: Int, LogicalMeshShape)
  /// Fixes the strategy and result spec of the op computing `node` (the stage that owns the
  /// node, not one reading it from another stage) and marks it pinned.
  case pin(node: NodeID, strategy: String, spec: ShardingSpec)
  /// Lets the solver choose the op's strategy again; its current decision is kept until a
  /// re-solve.
  case unpin(node: NodeID)
  /// Sets the microbatch count, which must divide the global batch. Node ids do not depend on
  /// the microbatch size, so the decisions are kept.
  case setMicrobatches(Int)
  /// Sets the pipeline schedule.
  case setSchedule(PipelineSchedule)
}
