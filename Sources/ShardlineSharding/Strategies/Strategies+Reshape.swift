import ShardlineIR

/// The follower layout of `reshape`, which maps splits through groups of contiguous dimensions.
extension ShardingContext {
  /// Splits carried through a reshape, group by group (see ``reshapeGroups(from:to:)``).
  ///
  /// In each group only the major dimension (the first of size above 1) may stay split: its
  /// n-way split cuts the group's row-major elements into n contiguous chunks, which is the
  /// n-way split of the result group's major dimension when that dimension is divisible by n.
  /// `[b,s,h] → [b·s,h]` carries `S0` on `b` to `b·s`; `[b,s,h] → [b,s,heads,d]` carries a split
  /// of `h` to `heads`. Any other split in the group, or one whose result dimension is not
  /// divisible, is required replicated. Partial sums pass through (reshaping is linear).
  func reshapeLayout(of node: Node, leaderSpec: ShardingSpec) -> FollowerLayout {
    let from = graph[node.operands[0]].type.shape
    let to = node.type.shape
    var required = leaderSpec
    var output = ShardingSpec(
      ShardingSpec.replicated(rank: to.count).dims, partialAxes: leaderSpec.partialAxes)
    for group in Self.reshapeGroups(from: from, to: to) {
      let major = group.from.first { from[$0] > 1 }
      for dimension in group.from where dimension != major {
        required.dims[dimension] = .replicated
      }
      guard let major, required.dims[major] != .replicated else { continue }
      let devices = shape.devices(along: required.dims[major].axes)
      if let target = group.to.first(where: { to[$0] > 1 }), to[target] % devices == 0 {
        output.dims[target] = required.dims[major]
      } else {
        required.dims[major] = .replicated
      }
    }
    return FollowerLayout(output: output, operands: [required])
  }

  /// The smallest runs of consecutive dimensions of `from` and `to` with equal element counts,
  /// in order: `[4,16,32] → [64,32]` gives `(0..<2, 0..<1)` and `(2..<3, 1..<2)`.
  ///
  /// Every group takes at least one dimension from each side that has any left, so size-1
  /// dimensions join a neighbouring group.
  public static func reshapeGroups(from: [Int], to: [Int])
    -> [(from: Range<Int>, to: Range<Int>)]
  {
    var groups: [(from: Range<Int>, to: Range<Int>)] = []
    var (i, j) = (0, 0)
    while i < from.count || j < to.count {
      let (startI, startJ) = (i, j)
      var (p, q) = (1, 1)
      if i < from.count { (p, i) = (from[i], i + 1) }
      if j < to.count { (q, j) = (to[j], j + 1) }
      while p != q {
        if p < q && i < from.count {
          (p, i) = (p * from[i], i + 1)
        } else if q < p && j < to.count {
          (q, j) = (q * to[j], j + 1)
        } else {
          (i, j) = (from.count, to.count)
          break
        }
      }
      groups.append((startI..<i, startJ..<j))
    }
    return groups
  }
}
