import Foundation
import ShardlineHardware
import ShardlinePlan

/// Turns two plans into the compare view's text: the heading, the totals and one row per
/// stage, each change marked better or worse. Pure, so the wording is tested without drawing.
public enum ComparePresentation {
  /// One of the two plans compared.
  public struct Side: Sendable {
    /// What its column is headed with: a file name, `edited`, `as saved`.
    public var name: String
    /// A word for narrow column headers, at most 8 columns: `active`, `other`, `as saved`.
    public var shortName: String
    /// The plan.
    public var plan: Plan
    /// Its estimate; `nil` when it could not be evaluated.
    public var estimate: PlanEstimate?
    /// Why it could not be evaluated, when it could not.
    public var evaluationError: String?

    /// Creates a side.
    public init(
      name: String, shortName: String? = nil, plan: Plan, estimate: PlanEstimate?,
      evaluationError: String? = nil
    ) {
      self.name = name
      self.shortName = shortName ?? name
      self.plan = plan
      self.estimate = estimate
      self.evaluationError = evaluationError
    }
  }

  /// Which way a change goes for the person reading it.
  public enum Trend: Sendable, Hashable {
    /// Good news: less time or memory, more TFLOPS.
    case better
    /// Bad news, or a plan over its memory.
    case worse
    /// No change worth a colour, or a figure without a direction (stage counts).
    case neutral
  }

  /// A figure of both plans and the change between them.
  public struct Figure: Sendable, Hashable {
    /// The figure's name, such as `iteration`.
    public var label: String
    /// The active plan's value.
    public var current: String
    /// The other plan's value.
    public var reference: String
    /// From the other plan to the active one: `+12.3 %`, `−1`, `—`.
    public var change: String
    /// Whether the change is good news.
    public var trend: Trend
    /// Whether the active plan's value breaks a limit (memory over capacity).
    public var currentExceeds = false
    /// Whether the other plan's value breaks a limit.
    public var referenceExceeds = false
  }

  /// One stage of either plan: its layers and submesh (`before → after` where they differ),
  /// and its latency and memory in both with how they changed.
  public struct StageRow: Sendable, Hashable {
    /// The stage's index.
    public var stage: Int
    /// The layers by name: `embed…block2`, or `embed…block2 → embed…block3`.
    public var layers: String
    /// The layers by number, `0–2` or `0–2 → 0–3`, for narrow columns.
    public var layerNumbers: String
    /// The submesh: `1×4`, or `2×2 → 1×4`.
    public var submesh: String
    /// Per-microbatch latency (``PlanPresentation/latency(_:microbatches:)``).
    public var latency: Figure
    /// Peak memory per device.
    public var memory: Figure
  }

  /// The two plans `state` compares: the active one, and the one `state.comparison` names (the
  /// active plan as saved when it names no other open plan).
  public static func sides(_ state: ExplorerState) -> (current: Side, reference: Side) {
    let document = state.document
    if case .document(let index) = state.comparison, index != state.active,
      let other = state.documents[safe: index]
    {
      return (
        Side(
          name: document.title, shortName: "active", plan: document.plan,
          estimate: document.estimate, evaluationError: document.evaluationError),
        Side(
          name: other.title, shortName: "other", plan: other.plan, estimate: other.estimate,
          evaluationError: other.evaluationError)
      )
    }
    return (
      Side(
        name: document.isDirty ? "edited" : "now", plan: document.plan,
        estimate: document.estimate, evaluationError: document.evaluationError),
      Side(name: "as saved", plan: document.baseline, estimate: document.baseline.estimate)
    )
  }

  /// What is compared with what: `plan.json (edited) vs as saved`, `a.json vs b.json`.
  public static func heading(_ state: ExplorerState) -> String {
    let document = state.document
    if case .document(let index) = state.comparison, index != state.active,
      let other = state.documents[safe: index]
    {
      return "\(document.title) vs \(other.title)"
    }
    return document.isDirty
      ? "\(document.title) (edited) vs as saved" : "\(document.title) vs as saved (no edits)"
  }

  /// The totals: iteration time, bubble, TFLOPS per device, peak memory, stages, microbatches.
  public static func totals(current: Side, reference: Side) -> [Figure] {
    let after = current.estimate
    let before = reference.estimate
    return [
      figure(
        "iteration", after.map(\.iterationSeconds), before.map(\.iterationSeconds),
        format: Format.seconds, lowerIsBetter: true),
      bubble(after.map(\.bubbleFraction), before.map(\.bubbleFraction)),
      figure(
        "TFLOPS/device", after.map(\.teraflopsPerDevice), before.map(\.teraflopsPerDevice),
        format: { String(format: "%.3g", $0) }, lowerIsBetter: false),
      memory("peak memory", after?.stages, before?.stages),
      count("stages", current.plan.stages.count, reference.plan.stages.count),
      count("microbatches", current.plan.microbatches, reference.plan.microbatches),
    ]
  }

  /// One row per stage index of either plan.
  public static func stageRows(current: Side, reference: Side) -> [StageRow] {
    let count = max(current.plan.stages.count, reference.plan.stages.count)
    return (0..<count).map { index in
      let after = current.estimate?.stages[safe: index]
      let before = reference.estimate?.stages[safe: index]
      let afterStage = current.plan.stages[safe: index]
      let beforeStage = reference.plan.stages[safe: index]
      return StageRow(
        stage: index,
        layers: transition(
          beforeStage.map { _ in reference.plan.layerRangeLabel(ofStage: index) },
          afterStage.map { _ in current.plan.layerRangeLabel(ofStage: index) }),
        layerNumbers: transition(beforeStage.map(layerNumbers), afterStage.map(layerNumbers)),
        submesh: transition(
          beforeStage.map(\.submesh.description), afterStage.map(\.submesh.description)),
        latency: figure(
          "latency",
          after.map { PlanPresentation.latency($0, microbatches: current.plan.microbatches) },
          before.map { PlanPresentation.latency($0, microbatches: reference.plan.microbatches) },
          format: Format.seconds, lowerIsBetter: true),
        memory: memory("memory", after.map { [$0] }, before.map { [$0] }))
    }
  }

  /// Why either plan is invalid, each line naming its plan: `edited: stage 1: …`.
  public static func issues(current: Side, reference: Side) -> [String] {
    [current, reference].flatMap { side in
      if let error = side.evaluationError { return ["\(side.name): cannot evaluate: \(error)"] }
      return (side.estimate?.issues ?? []).map { "\(side.name): \($0)" }
    }
  }

  /// `+5.0 pt` / `−2.1 pt`: the change of a fraction in percentage points, or `—`.
  public static func pointChange(from before: Double, to after: Double) -> String {
    guard before.isFinite, after.isFinite else { return "—" }
    let points = (after - before) * 100
    if abs(points) < 0.05 { return "0.0 pt" }
    return String(format: "%@%.1f pt", points > 0 ? "+" : "−", abs(points))
  }

  private static func figure(
    _ label: String, _ current: Double?, _ reference: Double?, format: (Double) -> String,
    lowerIsBetter: Bool
  ) -> Figure {
    let texts = [current, reference].map { value in
      value.flatMap { $0.isFinite ? format($0) : nil } ?? "—"
    }
    guard let current, let reference else {
      return Figure(
        label: label, current: texts[0], reference: texts[1], change: "—", trend: .neutral)
    }
    let change = PlanPresentation.change(from: reference, to: current)
    return Figure(
      label: label, current: texts[0], reference: texts[1], change: change,
      trend: trend(change, increased: current > reference, lowerIsBetter: lowerIsBetter))
  }

  /// The highest per-device peak of `current`'s and `reference`'s stages; a plan over its
  /// memory is marked, and its change is worse whatever its direction.
  private static func memory(
    _ label: String, _ current: [PlanEstimate.Stage]?, _ reference: [PlanEstimate.Stage]?
  ) -> Figure {
    let exceeds = { (stages: [PlanEstimate.Stage]?) in
      stages?.contains { $0.peakBytes > $0.capacityBytes } ?? false
    }
    var figure = figure(
      label, current?.map(\.peakBytes).max(), reference?.map(\.peakBytes).max(),
      format: Format.bytes, lowerIsBetter: true)
    figure.currentExceeds = exceeds(current)
    figure.referenceExceeds = exceeds(reference)
    if figure.currentExceeds { figure.trend = .worse }
    return figure
  }

  private static func bubble(_ current: Double?, _ reference: Double?) -> Figure {
    let text = { (value: Double?) in value.map(PlanPresentation.percent) ?? "—" }
    guard let current, let reference else {
      return Figure(
        label: "bubble", current: text(current), reference: text(reference), change: "—",
        trend: .neutral)
    }
    let change = pointChange(from: reference, to: current)
    return Figure(
      label: "bubble", current: text(current), reference: text(reference), change: change,
      trend: trend(change, increased: current > reference, lowerIsBetter: true))
  }

  private static func count(_ label: String, _ current: Int, _ reference: Int) -> Figure {
    let difference = current - reference
    let change =
      difference == 0 ? "0" : difference > 0 ? "+\(difference)" : "−\(-difference)"
    return Figure(
      label: label, current: "\(current)", reference: "\(reference)", change: change,
      trend: .neutral)
  }

  /// Better or worse by direction, neutral when the change rounds to nothing.
  private static func trend(_ change: String, increased: Bool, lowerIsBetter: Bool) -> Trend {
    guard change != "—", !change.hasPrefix("0.0") else { return .neutral }
    return increased == lowerIsBetter ? .worse : .better
  }

  /// `a` when both are `a`, else `a → b`, with `—` for a stage a plan lacks.
  private static func transition(_ before: String?, _ after: String?) -> String {
    before == after ? after ?? "—" : "\(before ?? "—") → \(after ?? "—")"
  }

  /// `0–2`, or `4` for a stage of one layer.
  private static func layerNumbers(_ stage: PlanStage) -> String {
    stage.firstLayer == stage.lastLayer
      ? "\(stage.firstLayer)" : "\(stage.firstLayer)–\(stage.lastLayer)"
  }
}
