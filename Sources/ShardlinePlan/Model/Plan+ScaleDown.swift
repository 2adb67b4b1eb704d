import ShardlineIR
import ShardlineModels
import ShardlineSharding

/// Rehearsing a plan on smaller tensors: the same stages, devices, meshes, shardings,
/// microbatches and schedule, for the same model with its sizes divided.
extension Plan {
  /// The plan for its model with its sizes divided by `factor` and its batch by `batchFactor`
  /// (see ``ModelConfig/scaledDown(by:batchBy:)``), keeping everything the plan decided.
  ///
  /// The per-microbatch training graph is rebuilt at the smaller sizes and must have the
  /// original's structure, node for node (op kinds, operands, phases and names), so every node
  /// id of the plan means what it meant. The model record is rewritten (digest, parameters,
  /// FLOPs), the global batch divided, and the search's per-stage estimates, made for the full
  /// sizes, dropped; ``estimate`` is the evaluator's for the scaled plan.
  ///
  /// The batch has a divisor of its own because a plan with many microbatches (GPT-39B's 256
  /// of 4 sequences) has little batch to divide: each microbatch must keep a sequence for every
  /// data-parallel replica.
  ///
  /// - Parameters:
  ///   - factor: The divisor of the model's hidden size, sequence and vocabulary, at least 1.
  ///   - batchFactor: The divisor of the global batch, at least 1; `nil` divides it by
  ///     `factor`.
  /// - Returns: The scaled plan; its model's ``PlanModel/config`` rebuilds the scaled graph.
  /// - Throws: ``PlanScaleDownError`` when the plan does not match its own model (see
  ///   ``check(against:)``), or naming the first dimension `factor` does not divide, the
  ///   microbatches or data-parallel replicas the divided batch no longer fills, or an op whose
  ///   sharding no longer divides its tensor, with the factors that would fit.
  /// - Complexity: Builds the training graph twice, and once more for each candidate factor
  ///   when `factor` does not fit.
  public func scaledDown(by factor: Int, batchBy batchFactor: Int? = nil)
    throws(PlanScaleDownError) -> Plan
  {
    guard let config = model.config else {
      throw PlanScaleDownError(
        factor: factor, reason: "the plan was made from a graph file, not a zoo model",
        validFactors: [])
    }
    let original: Graph
    do throws(ScaleDownReason) {
      original = try Self.microbatchGraph(of: config, plan: self)
    } catch {
      throw PlanScaleDownError(factor: factor, reason: error.reason, validFactors: [])
    }
    do {
      try check(against: original)
    } catch {
      throw PlanScaleDownError(factor: factor, reason: error.description, validFactors: [])
    }
    var scaled: (plan: Plan, graph: Graph)
    do throws(ScaleDownReason) {
      scaled = try scaledCandidate(
        by: factor, batchBy: batchFactor, of: config, original: original)
    } catch {
      throw refusal(factor: factor, batchBy: batchFactor, of: config, reason: error.reason)
    }
    do {
      scaled.plan.estimate = try PlanEvaluator(graph: scaled.graph).evaluate(scaled.plan)
    } catch {
      throw refusal(
        factor: factor, batchBy: batchFactor, of: config,
        reason: "the scaled plan does not evaluate: \(error)")
    }
    return scaled.plan
  }

  /// The error refusing `factor` for `reason`, with the factors and batch divisors that fit.
  private func refusal(
    factor: Int, batchBy batchFactor: Int?, of config: ModelConfig, reason: String
  ) -> PlanScaleDownError {
    guard let original = try? Self.microbatchGraph(of: config, plan: self) else {
      return PlanScaleDownError(factor: factor, reason: reason, validFactors: [])
    }
    let sizes: Int
    switch config {
    case .gpt(let c): sizes = c.hidden
    case .moe(let c): sizes = c.hidden
    case .wideResNet, .mlp:
      return PlanScaleDownError(factor: factor, reason: reason, validFactors: [])
    }
    let fits = { (candidate: Int, batch: Int?) in
      (try? scaledCandidate(by: candidate, batchBy: batch, of: config, original: original)) != nil
    }
    return PlanScaleDownError(
      factor: factor, reason: reason,
      validFactors: Self.divisors(of: sizes).filter { $0 > 1 && fits($0, batchFactor) },
      validBatchFactors: Self.divisors(of: config.batch).filter { fits(factor, $0) })
  }

  /// The divisors of `value`, ascending.
  private static func divisors(of value: Int) -> [Int] {
    (1...max(value, 1)).filter { value % $0 == 0 }
  }

  /// The plan and graph scaled by `factor`, checked against `original` (the plan's
  /// per-microbatch graph) and against every op's sharding, without the estimate.
  private func scaledCandidate(
    by factor: Int, batchBy batchFactor: Int?, of config: ModelConfig, original: Graph
  ) throws(ScaleDownReason) -> (plan: Plan, graph: Graph) {
    let smaller: ModelConfig
    do {
      smaller = try config.scaledDown(by: factor, batchBy: batchFactor)
    } catch {
      throw ScaleDownReason("\(error)")
    }
    guard smaller.batch % microbatches == 0 else {
      throw ScaleDownReason(
        "batch \(config.batch) ÷ \(batchFactor ?? factor) = \(smaller.batch) does not split "
          + "into the plan's \(microbatches) microbatches")
    }
    var plan = self
    plan.model.config = smaller
    plan.globalBatch = smaller.batch
    let graph = try Self.microbatchGraph(of: smaller, plan: plan)
    try Self.requireSameStructure(original, graph)
    try requireShardingsDivide(graph, original: original)
    plan.model.graphDigest =
      GraphSlice(of: graph, members: graph.nodes.map(\.id), users: graph.users()).digest
    plan.model.parameterCount = graph.parameterCount
    plan.model.iterationFlops = graph.totalFlops * Double(microbatches)
    plan.estimate = nil
    for index in plan.stages.indices {
      plan.stages[index].searchEstimateSeconds = nil
      plan.stages[index].searchEstimatePeakBytes = nil
    }
    return (plan, graph)
  }

  /// The training graph of one of `plan`'s microbatches of `config`.
  private static func microbatchGraph(of config: ModelConfig, plan: Plan)
    throws(ScaleDownReason) -> Graph
  {
    do {
      let micro = try ModelOverrides(batch: config.batch / max(plan.microbatches, 1))
        .apply(to: config)
      var graph = try micro.trainingStep(options: plan.model.training)
      graph.name = plan.model.name
      return graph
    } catch {
      throw ScaleDownReason("\(plan.model.name) cannot be built at these sizes: \(error)")
    }
  }

  /// Throws unless `scaled` has `original`'s nodes: the same op kinds, operands, phases and
  /// names, and the same inputs.
  private static func requireSameStructure(_ original: Graph, _ scaled: Graph)
    throws(ScaleDownReason)
  {
    guard original.nodes.count == scaled.nodes.count else {
      throw ScaleDownReason(
        "the scaled training graph has \(scaled.nodes.count) nodes where the plan's has "
          + "\(original.nodes.count)")
    }
    for (before, after) in zip(original.nodes, scaled.nodes) {
      guard before.op.kindName == after.op.kindName, before.operands == after.operands,
        before.phase == after.phase, before.name == after.name
      else {
        throw ScaleDownReason(
          "the scaled training graph differs at node \(before.id): '\(after.name)' "
            + "(\(after.op.kindName)) where the plan has '\(before.name)' (\(before.op.kindName))")
      }
    }
    guard original.inputs.map(\.node) == scaled.inputs.map(\.node),
      original.outputs.map(\.node) == scaled.outputs.map(\.node)
    else {
      throw ScaleDownReason("the scaled training graph has other inputs or outputs")
    }
  }

  /// Throws for the first op whose result sharding splits a dimension of the scaled `graph`
  /// over a number of devices that does not divide it.
  private func requireShardingsDivide(_ graph: Graph, original: Graph)
    throws(ScaleDownReason)
  {
    for (index, stage) in stages.enumerated() {
      let mesh = MeshShape(stage.logicalShape.rows, stage.logicalShape.columns)
      for op in stage.ops {
        let shape = graph[op.node].type.shape
        guard op.spec.dims.count == shape.count else { continue }
        for (dimension, (size, split)) in zip(shape, op.spec.dims).enumerated() {
          let devices = mesh.devices(along: split.axes)
          guard devices > 1, size % devices != 0 else { continue }
          let before = original[op.node].type.shape[dimension]
          throw ScaleDownReason(
            "stage \(index) splits dimension \(dimension) of '\(op.name)' (\(before) → \(size)) "
              + "over \(devices) devices (\(op.spec)), which do not divide it")
        }
      }
    }
  }
}

/// Why one scale-down factor does not fit, before the valid factors are known.
private struct ScaleDownReason: Error {
  let reason: String

  init(_ reason: String) { self.reason = reason }
}
