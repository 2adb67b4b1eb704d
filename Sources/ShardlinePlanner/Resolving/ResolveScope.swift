/// What a re-solve (``Planner/resolve(_:of:scope:cancellation:progress:)``) reruns.
public enum ResolveScope: Sendable, Hashable {
  /// The intra-op ILP of these stages (every stage when `nil`), on their current meshes,
  /// honouring pinned ops; layers, meshes, devices, microbatches and schedule stay.
  case sharding(stages: [Int]?)
  /// The whole search, with the layers kept as the plan's layering (stage DP, submeshes and
  /// microbatches as the planner's options say; the plan's schedule and intra-op options),
  /// then the intra-op ILP again on every stage that holds a pinned op, honouring the pins.
  case stagesAndSharding
}
