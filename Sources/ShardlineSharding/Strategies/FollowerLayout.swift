/// What a follower op's strategy fixes: the spec of its result and the spec it requires of each
/// operand (`nil` for an operand that needs none, such as a scalar start index).
struct FollowerLayout: Sendable, Hashable {
  /// The result's spec.
  var output: ShardingSpec
  /// The spec required of each operand, in operand order.
  var operands: [ShardingSpec?]
}
