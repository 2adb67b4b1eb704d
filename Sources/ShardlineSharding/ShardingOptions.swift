/// Choices of the intra-operator pass that are not part of the problem itself.
public struct ShardingOptions: Sendable, Codable, Hashable {
  /// Whether a split contraction may leave its result as a partial sum for the consumer to
  /// reduce (all-reduce or reduce-scatter). Off reproduces Alpa, whose ops paid the all-reduce
  /// themselves.
  public var allowsPartialSums: Bool
  /// Whether an embedding table may be split along the vocabulary (Megatron's vocab-parallel
  /// embedding), which Alpa could not do.
  public var allowsVocabularySplit: Bool
  /// Scale all-to-all by n/2 as Alpa did to match V100 measurements.
  public var appliesAlpaAllToAllPenalty: Bool
  /// Weight of update-phase ops (their compute, collectives and the resharding of their
  /// operands) in the ILP objective, relative to forward and backward ops. A pipeline stage runs
  /// forward and backward once per microbatch but the update once per iteration, so the planner
  /// sets 1/B for B microbatches to minimize the stage's amortized per-microbatch time. Reported
  /// op times stay unweighted.
  public var updateCostWeight: Double

  /// Creates options; every extension beyond Alpa is on by default.
  public init(
    allowsPartialSums: Bool = true, allowsVocabularySplit: Bool = true,
    appliesAlpaAllToAllPenalty: Bool = true, updateCostWeight: Double = 1
  ) {
    self.allowsPartialSums = allowsPartialSums
    self.allowsVocabularySplit = allowsVocabularySplit
    self.appliesAlpaAllToAllPenalty = appliesAlpaAllToAllPenalty
    self.updateCostWeight = updateCostWeight
  }
}
