import ShardlineSharding

/// One strategy an op could take, priced with everything else in its stage fixed: its
/// producers and consumers keep their chosen strategies, so taking it alone would reshard the
/// values it reads and the value it makes to what they use.
///
/// Times are in seconds per run of the op: per microbatch for forward and backward ops, per
/// iteration for update ops. ``objectiveSeconds`` weighs them as the ILP did.
public struct OperatorAlternative: Sendable, Hashable {
  /// The strategy's name, such as `SR = SR × RR` (a follower's is its result spec).
  public var strategy: String
  /// Its result spec.
  public var spec: ShardingSpec
  /// Local compute on one device, in seconds.
  public var computeSeconds: Double
  /// The op's own collectives, in seconds.
  public var communicationSeconds: Double
  /// Bringing each operand from its producer's chosen spec to the spec this strategy needs, in
  /// seconds.
  public var operandReshardingSeconds: Double
  /// Bringing the result from this strategy's spec to the spec each consumer's chosen strategy
  /// needs, in seconds.
  public var resultReshardingSeconds: Double
  /// The sum of the four times above, in seconds.
  public var totalSeconds: Double
  /// What the ILP minimized for this choice, per microbatch: ``totalSeconds`` with each part
  /// charged to an update op (its own time, or the resharding into an update op's operand)
  /// weighted by ``ShardingOptions/updateCostWeight`` (1/microbatches in a planned stage, since
  /// the update runs once per iteration), in seconds. Equal to ``totalSeconds`` when no update
  /// op is involved.
  public var objectiveSeconds: Double
  /// Whether the plan chose it.
  public var isChosen: Bool
}
