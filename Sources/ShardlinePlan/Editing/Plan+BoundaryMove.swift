import ShardlineIR

/// Moving layers between neighbouring stages (``PlanEdit/moveBoundary(stage:layers:)``).
extension Plan {
  /// Moves the boundary after stage `stage` by `layers` (see
  /// ``PlanEdit/moveBoundary(stage:layers:)``): the moved layers' ops go to the receiving
  /// stage, taking the decisions of its nearest structurally identical layer where it has one,
  /// and both stages' op lists are written again, with the values each now reads from the
  /// other as boundary ops.
  mutating func moveBoundary(stage: Int, layers: Int, evaluator: PlanEvaluator)
    throws(PlanEditError)
  {
    try checkStage(stage)
    guard stage + 1 < stages.count else { throw .noNextStage(stage: stage) }
    guard layers != 0 else { return }
    let (giver, receiver) = layers > 0 ? (stage + 1, stage) : (stage, stage + 1)
    let count = abs(layers)
    var split = try LayerDecisions(evaluator: evaluator, layering: layering)
    for index in [giver, receiver] {
      let planStage = stages[index]
      guard planStage.firstLayer >= 0, planStage.firstLayer <= planStage.lastLayer,
        planStage.lastLayer < split.partition.layerCount
      else {
        throw .layering(
          reason:
            "stage \(index) covers layers \(planStage.firstLayer)…\(planStage.lastLayer) "
            + "of a graph of \(split.partition.layerCount)")
      }
    }
    let giving = stages[giver].layers
    guard count < giving.count else {
      throw .stageWouldEmpty(stage: giver, layerCount: giving.count, giving: count)
    }
    split.load(stages[giver])
    split.load(stages[receiver])
    let moved =
      layers > 0
      ? giving.lowerBound...(giving.lowerBound + count - 1)
      : (giving.upperBound - count + 1)...giving.upperBound
    let receiving = stages[receiver].layers
    for layer in moved {
      // Nearest first, stopping at the first twin: slicing a layer is the costly part, and the
      // neighbour of a transformer block is another block.
      let digest = split.slice(ofLayer: layer).digest
      let nearest = receiving.sorted { (abs($0 - layer), $0) < (abs($1 - layer), $1) }
      if let twin = nearest.first(where: { split.slice(ofLayer: $0).digest == digest }) {
        split.adopt(layer, decisionsOf: twin)
      }
    }
    stages[stage].lastLayer += layers
    stages[stage + 1].firstLayer += layers
    for index in [stage, stage + 1] {
      stages[index].ops = split.ops(ofLayers: stages[index].layers)
      stages[index].forgetSearchEstimates()
    }
  }
}
