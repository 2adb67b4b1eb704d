/// A global parallelization mode the caller can force instead of letting the ILP choose freely.
public enum ShardingMode: String, Sendable, Codable, CaseIterable, Hashable {
  /// The ILP chooses every op's sharding.
  case auto
  /// Data parallel: batch split over every device, parameters and optimizer state replicated.
  case dataParallel = "dp"
  /// ZeRO stage 2 (Rajbhandari et al., SC 2020): data parallel with optimizer state (and so the
  /// gradients feeding its update) split over every device; parameters replicated.
  case zero2
  /// ZeRO stage 3: parameters split too, gathered where they are used.
  case zero3
  /// Megatron-LM tensor parallelism (Shoeybi et al., 2019): batch split over mesh axis 0,
  /// attention and MLP weights split column-then-row over axis 1, the embedding over its
  /// vocabulary.
  case megatron
  /// Every op fully replicated (the single-device plan run everywhere).
  case replicated
  /// The ILP chooses, but parameters and optimizer state must be split over every mesh axis
  /// where their shape allows: ZeRO-3's memory with any sharding of the computation. The
  /// planner offers it next to ``auto`` for stages whose time-optimal sharding does not fit.
  case shardedState = "sharded-state"
  /// DeepSpeed-MoE (Rajbhandari et al., ICML 2022): expert parallelism with ZeRO data
  /// parallelism. The batch is split over every device; expert weights (``ExpertParameters``)
  /// are split along their expert dimension over as many mesh axes as divide it; other
  /// parameters are replicated; optimizer state is split over every device, as in ``zero2``.
  case expertParallel = "expert-parallel"
}

/// What the caller asks of the intra-operator pass besides the graph and the mesh.
public struct ShardingRequest: Sendable, Codable, Hashable {
  /// The forced global mode, or ``ShardingMode/auto``.
  public var mode: ShardingMode
  /// Specs fixed by the caller, by op name (a node's ``ShardlineIR/Node/name``) or `%ID`.
  public var pins: [String: ShardingSpec]
  /// Per-device memory budget in bytes; `nil` adds no memory rows.
  public var memoryBudgetBytes: Double?

  /// Creates a request; by default the ILP chooses freely with no memory bound.
  public init(
    mode: ShardingMode = .auto, pins: [String: ShardingSpec] = [:],
    memoryBudgetBytes: Double? = nil
  ) {
    self.mode = mode
    self.pins = pins
    self.memoryBudgetBytes = memoryBudgetBytes
  }
}
