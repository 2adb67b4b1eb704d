/// Dropping splits a follower cannot keep.
extension ShardingSpec {
  /// The spec with `dimensions` replicated, and with its partial sums completed unless
  /// `keepsPartial`.
  func replicating(_ dimensions: some Sequence<Int>, keepsPartial: Bool) -> ShardingSpec {
    var spec = keepsPartial ? self : withoutPartial
    for dimension in dimensions { spec.dims[dimension] = .replicated }
    return spec
  }
}
