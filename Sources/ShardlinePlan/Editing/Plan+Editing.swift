import ShardlineHardware
import ShardlineIR

/// Applying a person's edits (``PlanEdit``) to a plan.
extension Plan {
  /// The plan after `edit`.
  ///
  /// The result has no ``estimate`` (price it with ``PlanEvaluator``), its ``search`` is kept,
  /// and the stage DP's figures (``PlanStage/searchEstimateSeconds``,
  /// ``PlanStage/searchEstimatePeakBytes``) are cleared on every stage the edit touched, since
  /// they no longer describe it. What an edit leaves unfit to run (a decision the new mesh does
  /// not allow, stages that no longer fit the cluster's devices) is not an error here: the
  /// evaluator reports it as an issue, and a re-solve fixes the decisions.
  ///
  /// - Parameters:
  ///   - edit: The edit.
  ///   - evaluator: The evaluator of the plan's per-microbatch graph; only moving a boundary
  ///     uses it (its layer partition and the stage slices it caches for re-costing).
  /// - Returns: The edited plan.
  /// - Throws: ``PlanEditError`` naming what cannot be done and where: a stage that does not
  ///   exist or would be left without layers, a submesh larger than the cluster, a logical shape
  ///   of another device count, a microbatch count that does not divide the batch, a node no
  ///   stage computes.
  /// - Complexity: Slicing the moved layers and the two stages for a boundary move, O(ops)
  ///   otherwise.
  public func applying(_ edit: PlanEdit, evaluator: PlanEvaluator) throws(PlanEditError)
    -> Plan
  {
    var plan = self
    plan.estimate = nil
    switch edit {
    case .moveBoundary(let stage, let layers):
      try plan.moveBoundary(stage: stage, layers: layers, evaluator: evaluator)
    case .setSubmesh(let stage, let shape):
      try plan.setSubmesh(stage: stage, shape)
    case .setLogicalShape(let stage, let shape):
      try checkStage(stage)
      let devices = stages[stage].devices.count
      guard shape.deviceCount == devices else {
        throw .shapeMismatch(devices: devices, shape: shape)
      }
      plan.stages[stage].logicalShape = shape
      plan.stages[stage].forgetSearchEstimates()
    case .pin(let node, let strategy, let spec):
      let (stage, op) = try owningOp(of: node)
      plan.stages[stage].ops[op].strategy = strategy
      plan.stages[stage].ops[op].spec = spec
      plan.stages[stage].ops[op].pinned = true
      plan.stages[stage].forgetSearchEstimates()
    case .unpin(let node):
      let (stage, op) = try owningOp(of: node)
      plan.stages[stage].ops[op].pinned = false
    case .setMicrobatches(let count):
      guard count >= 1, globalBatch % count == 0 else {
        throw .indivisibleBatch(batch: globalBatch, microbatches: count)
      }
      plan.microbatches = count
      for index in plan.stages.indices { plan.stages[index].forgetSearchEstimates() }
    case .setSchedule(let schedule):
      plan.schedule = schedule
      for index in plan.stages.indices { plan.stages[index].forgetSearchEstimates() }
    }
    return plan
  }

  /// Throws unless `stage` is one of the plan's stages.
  func checkStage(_ stage: Int) throws(PlanEditError) {
    guard stages.indices.contains(stage) else {
      throw .noStage(stage: stage, stageCount: stages.count)
    }
  }

  /// The stage and position of the op computing `node`: the one listed under the node's own
  /// name, else (in a hand-edited plan) any op on the node.
  private func owningOp(of node: NodeID) throws(PlanEditError) -> (stage: Int, op: Int) {
    var reader: (stage: Int, op: Int)?
    for (stage, planStage) in stages.enumerated() {
      for (index, op) in planStage.ops.enumerated() where op.node == node {
        if !op.name.hasPrefix(Self.boundaryPrefix) { return (stage, index) }
        reader = reader ?? (stage, index)
      }
    }
    guard let reader else { throw .noOp(node: node) }
    return reader
  }
}

extension PlanStage {
  /// Clears the stage DP's figures, which no longer describe an edited stage.
  mutating func forgetSearchEstimates() {
    searchEstimateSeconds = nil
    searchEstimatePeakBytes = nil
  }
}
