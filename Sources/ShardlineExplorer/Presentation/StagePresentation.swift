import ShardlineHardware
import ShardlinePlan

/// The stage view's text: its time and memory breakdowns and the cells of its operator rows.
public enum StagePresentation {
  /// One part of a breakdown: a name, an amount and the share of the whole it is.
  public struct Part: Sendable, Hashable {
    /// `compute`, `parameters`, …
    public var name: String
    /// The amount, in seconds or bytes.
    public var amount: Double
    /// Its share of the whole (0…1).
    public var fraction: Double
  }

  /// Where a stage's iteration goes, in seconds: local compute, intra-op communication,
  /// receiving from other stages, and idle (its bubble share).
  public static func timeParts(
    _ stage: PlanEstimate.Stage, index: Int, plan: Plan, timeline: PipelineTimeline?
  ) -> [Part] {
    let iteration = timeline?.iterationSeconds ?? 0
    let crossMesh = stage.crossMeshSeconds * Double(plan.microbatches)
    let busy = timeline?.busySeconds[safe: index] ?? 0
    let idle = max(iteration - busy, 0)
    let whole = max(iteration, stage.computeSeconds + stage.communicationSeconds + crossMesh)
    return [
      ("compute", stage.computeSeconds), ("communication", stage.communicationSeconds),
      ("cross-mesh", crossMesh), ("bubble", idle),
    ].map { Part(name: $0.0, amount: $0.1, fraction: whole > 0 ? $0.1 / whole : 0) }
  }

  /// What a device of the stage holds at its peak, in bytes: parameters, optimizer state,
  /// gradients, the activations of the microbatches in flight, and working memory.
  public static func memoryParts(_ stage: PlanEstimate.Stage) -> [Part] {
    let activations =
      stage.activationBytesPerMicrobatch * Double(max(stage.inFlightMicrobatches, 1))
    let named = stage.parameterBytes + stage.optimizerStateBytes + stage.gradientBytes + activations
    let working = max(stage.peakBytes - named, 0)
    let whole = max(stage.capacityBytes, stage.peakBytes)
    return [
      ("parameters", stage.parameterBytes), ("optimizer", stage.optimizerStateBytes),
      ("gradients", stage.gradientBytes),
      ("activations ×\(max(stage.inFlightMicrobatches, 1))", activations), ("working", working),
    ].map { Part(name: $0.0, amount: $0.1, fraction: whole > 0 ? $0.1 / whole : 0) }
  }

  /// The cells of an op row: name, type, spec, strategy, compute, communication, memory; a
  /// pinned op's name is marked with `•`. Grouped, an op is indented under its layer, and
  /// further under its scope's header.
  public static func cells(_ op: StageInspection.Operator, grouped: Bool) -> [String] {
    let indent = grouped ? (OperatorRows.scope(of: op) == nil ? "  " : "    ") : ""
    return [
      indent + (op.isPinned ? "• " : "") + op.name, op.type, op.spec.description,
      op.strategy, Format.seconds(op.computeSeconds), Format.seconds(op.communicationSeconds),
      Format.bytes(op.outputBytesPerDevice),
    ]
  }

  /// The cells of a layer header row.
  public static func cells(layer name: String, operators: Int, expanded: Bool) -> [String] {
    ["\(expanded ? "▾" : "▸") \(name) (\(count(operators)))"]
  }

  /// The cells of a scope header row, indented under its layer.
  public static func cells(scope key: String, operators: Int, expanded: Bool) -> [String] {
    ["  \(expanded ? "▾" : "▸") \(key) (\(count(operators)))"]
  }

  private static func count(_ operators: Int) -> String {
    "\(operators) op\(operators == 1 ? "" : "s")"
  }
}
