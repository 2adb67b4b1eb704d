import ShardlinePlan

/// One layer's intra-op solution on one logical mesh: what it costs and every decision.
public struct LayerProfile: Sendable, Codable, Hashable {
  /// Times, memory by category and decisions, in the layer slice's node numbering.
  public var costing: StageCosting
  /// The solver's status (`optimal`, …).
  public var status: String
  /// Seconds the intra-op pass took.
  public var solveSeconds: Double

  /// Creates a profile.
  public init(costing: StageCosting, status: String, solveSeconds: Double) {
    self.costing = costing
    self.status = status
    self.solveSeconds = solveSeconds
  }
}
