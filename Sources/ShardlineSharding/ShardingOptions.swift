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

  /// Creates options; every extension beyond Alpa is on by default.
  public init(
    allowsPartialSums: Bool = true, allowsVocabularySplit: Bool = true,
    appliesAlpaAllToAllPenalty: Bool = true
  ) {
    self.allowsPartialSums = allowsPartialSums
    self.allowsVocabularySplit = allowsVocabularySplit
    self.appliesAlpaAllToAllPenalty = appliesAlpaAllToAllPenalty
  }
}
