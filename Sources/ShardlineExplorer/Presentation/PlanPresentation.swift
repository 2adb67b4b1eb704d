import Foundation
import ShardlineHardware
import ShardlinePlan

/// Turns a plan and its estimate into the text the views show: summary lines and table rows.
/// Pure, so the wording is tested without drawing.
public enum PlanPresentation {
  /// The overview's summary: label and text per line.
  public static func summary(_ document: PlanDocument) -> [(label: String, text: String)] {
    let plan = document.plan
    let cluster = plan.cluster
    let host = cluster.host
    var lines: [(String, String)] = [
      (
        "Model",
        "\(plan.model.name) · \(Format.count(Double(plan.model.parameterCount))) parameters · "
          + "batch \(plan.globalBatch)"
      ),
      (
        "Cluster",
        "\(cluster.hostCount) × \(cluster.name): \(cluster.deviceCount) × \(host.device.name), "
          + "\(Format.rate(host.intraHostLink.bandwidthBytesPerSecond)) in a host, "
          + "\(Format.bits(host.network.nicBandwidthBytesPerSecond * Double(host.network.nicCount))) between"
      ),
      (
        "Pipeline",
        "\(plan.stages.count) stages · \(plan.microbatches) microbatches of \(plan.microbatchSize)"
          + " · \(plan.schedule.rawValue) · \(plan.layerNames.count) layers"
          + (plan.rematerialization ? " · remat" : "")
      ),
    ]
    if let error = document.evaluationError {
      lines.append(("Estimate", "cannot evaluate: \(error)"))
      return lines
    }
    guard let estimate = document.estimate, estimate.iterationSeconds.isFinite else {
      lines.append(("Estimate", "none: the plan is invalid"))
      return lines
    }
    let total = estimate.teraflopsPerDevice * Double(cluster.deviceCount)
    lines.append(
      (
        "Estimate",
        "iteration \(Format.seconds(estimate.iterationSeconds)) · bubble "
          + percent(estimate.bubbleFraction) + " · "
          + String(format: "%.1f TFLOPS/device, %.0f total", estimate.teraflopsPerDevice, total)
      ))
    if let worst = estimate.stages.indices.max(by: {
      estimate.stages[$0].peakBytes / estimate.stages[$0].capacityBytes
        < estimate.stages[$1].peakBytes / estimate.stages[$1].capacityBytes
    }) {
      let stage = estimate.stages[worst]
      lines.append(
        (
          "Memory",
          "peak \(Format.bytes(stage.peakBytes)) of \(Format.bytes(stage.capacityBytes)) per "
            + "device (stage \(worst))"
        ))
    }
    return lines
  }

  /// The stage table's rows: stage, layers, submesh, devices, logical mesh.
  public static func stageRows(_ plan: Plan) -> [[String]] {
    plan.stages.indices.map { index in
      let stage = plan.stages[index]
      return [
        "\(index)", plan.layerRangeLabel(ofStage: index), "\(stage.submesh)", stage.deviceLabel,
        "\(stage.logicalShape)",
      ]
    }
  }

  /// Per-microbatch latency of a stage (forward + backward) with the update amortized over the
  /// microbatches, in seconds: what the bars compare.
  public static func latency(_ stage: PlanEstimate.Stage, microbatches: Int) -> Double {
    stage.forwardSeconds + stage.backwardSeconds + stage.updateSeconds
      / Double(max(microbatches, 1))
  }

  /// `12.3 %`.
  public static func percent(_ fraction: Double) -> String {
    String(format: "%.1f %%", fraction * 100)
  }

  /// `+12.3 %` / `−4.0 %` for a change from `before` to `after`, or `—` when undefined.
  public static func change(from before: Double, to after: Double) -> String {
    guard before.isFinite, after.isFinite, before != 0 else { return "—" }
    let value = (after / before - 1) * 100
    if abs(value) < 0.05 { return "0.0 %" }
    return String(format: "%@%.1f %%", value > 0 ? "+" : "−", abs(value))
  }

  /// The stages the estimate names in its issues.
  public static func stagesWithIssues(_ estimate: PlanEstimate?) -> Set<Int> {
    Set(estimate?.issues.compactMap(\.stage) ?? [])
  }
}
