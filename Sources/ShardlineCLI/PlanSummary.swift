import ShardlineHardware
import ShardlinePlan

/// The summary `plan`, `baseline` and `evaluate` print: one row per stage, then the totals.
enum PlanSummary {
  /// The summary table and totals of `plan` (which must carry its estimate).
  static func render(_ plan: Plan) -> String {
    guard let estimate = plan.estimate else { return "plan without an estimate" }
    let table = TextTable(header: [
      "stage", "layers", "submesh", "devices", "mesh", "fwd", "bwd", "update", "x-mesh",
      "memory", "headroom",
    ])
    for (index, stage) in plan.stages.enumerated() {
      let cost = estimate.stages[safe: index]
      table.add([
        "\(index)", plan.layerRangeLabel(ofStage: index), "\(stage.submesh)", stage.deviceLabel,
        "\(stage.logicalShape)",
        cost.map { Format.seconds($0.forwardSeconds) } ?? "-",
        cost.map { Format.seconds($0.backwardSeconds) } ?? "-",
        cost.map { Format.seconds($0.updateSeconds) } ?? "-",
        cost.map { Format.seconds($0.crossMeshSeconds) } ?? "-",
        cost.map { Format.bytes($0.peakBytes) } ?? "-",
        cost.map { Format.bytes($0.headroomBytes) } ?? "-",
      ])
    }
    var lines = [table.render(), ""]
    let search = plan.search
    lines.append(
      "model        \(plan.model.name) on \(plan.cluster.description), batch \(plan.globalBatch)")
    lines.append(
      "pipeline     \(plan.stages.count) stages, \(plan.microbatches) microbatches of "
        + "\(plan.microbatchSize), \(plan.schedule.rawValue), \(plan.layering)")
    if estimate.isValid {
      lines.append(
        "iteration    \(Format.seconds(estimate.iterationSeconds)) "
          + "(bubble \(Self.percent(estimate.bubbleFraction)))")
      lines.append(
        "throughput   \(Self.decimal(estimate.teraflopsPerDevice)) TFLOPS per device")
    } else {
      lines.append("invalid      \(estimate.issues.count) problem(s):")
      for issue in estimate.issues { lines.append("  \(issue)") }
    }
    lines.append(
      "search       \(search.method): \(Self.decimal(search.compileSeconds)) s, "
        + "\(search.ilpSolves) ILP solves, \(search.cacheHits) reused, solver \(search.solverStatus)"
    )
    return lines.joined(separator: "\n")
  }

  private static func percent(_ fraction: Double) -> String {
    "\(Self.decimal(fraction * 100)) %"
  }

  private static func decimal(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    return "\((value * 100).rounded() / 100)"
  }
}

extension Array {
  /// The element at `index`, or `nil` outside the array.
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
