import ShardlineCost
import ShardlineSharding

/// One stage of a plan, op by op, as the evaluator prices it.
extension PlanEvaluator {
  /// The ops of stage `stage` of `plan`, priced as ``evaluate(_:)`` prices them: the stage's
  /// layers sliced out of the graph, its decisions costed as given (``FixedSharding``) on its
  /// logical mesh with the plan's options, so the operators' sums agree with the estimate's
  /// stage figures (see ``StageInspection``).
  ///
  /// - Throws: ``PlanError/invalidStage(stage:reason:)`` for a stage the plan does not have,
  ///   layers the model does not have, devices that form no logical mesh, or decisions the ops
  ///   cannot take; ``PlanError/invalidLayering(reason:)`` as ``evaluate(_:)`` does.
  /// - Complexity: Linear in the graph (the layer partition), plus one strategy enumeration per
  ///   independently deciding op of the stage.
  public func inspect(_ plan: Plan, stage index: Int) throws(PlanError) -> StageInspection {
    guard plan.stages.indices.contains(index) else {
      let count = plan.stages.count
      let has = count == 0 ? "no stages" : count == 1 ? "only stage 0" : "stages 0…\(count - 1)"
      throw .invalidStage(stage: index, reason: "the plan has \(has)")
    }
    let stage = plan.stages[index]
    let partition = try partition(of: plan.layering)
    guard stage.firstLayer <= stage.lastLayer, stage.lastLayer < partition.layerCount else {
      throw .invalidStage(
        stage: index,
        reason:
          "covers layers \(stage.firstLayer)…\(stage.lastLayer) of a model with "
          + "\(partition.layerCount) layers")
    }
    guard let mesh = Self.logicalMesh(of: stage, on: plan.cluster) else {
      throw .invalidStage(
        stage: index, reason: "devices \(stage.devices) form no \(stage.logicalShape) mesh")
    }
    let slice = self.slice(of: stage.layers, layering: plan.layering, partition: partition)
    let context = ShardingContext(
      graph: slice.graph, mesh: mesh, costModel: ComputeCostModel(device: plan.cluster.host.device),
      options: plan.sharding)
    let chosen: [ShardingStrategy?]
    do {
      chosen = try FixedSharding(context: context).strategies(
        deciding: try StageCostCache.decisions(of: stage, in: slice))
    } catch {
      throw .invalidStage(stage: index, reason: "\(error)")
    }
    return StageInspection(
      stage: index, slice: slice, context: context, chosen: chosen,
      layerOfNode: partition.layerOfNode, pinned: Set(stage.ops.filter(\.pinned).map(\.node)))
  }
}
