import ShardlineHardware
import ShardlineSharding

/// The part of the plan space a search may use. Shardline searches all of it; each baseline is
/// the same search confined to what its system can express (Megatron-LM: one mesh shape and its
/// tensor-parallel layout; ZeRO: one data-parallel stage; …).
public struct SearchSpace: Sendable {
  /// Submesh shapes stages may take; `nil` for all of Alpa's.
  public var submeshes: [SubmeshShape]?
  /// Logical views of a submesh; `nil` for the planner's default (``MeshChoices``).
  public var logicalShapes: (@Sendable (SubmeshShape) -> [LogicalMeshShape])?
  /// Intra-op modes tried on each view, in order; a later one is tried only when the earlier
  /// ones do not fit in memory.
  public var modes: [ShardingMode]
  /// Allowed numbers of stages; `nil` for any.
  public var stageCounts: ClosedRange<Int>?

  /// Creates a space.
  public init(
    submeshes: [SubmeshShape]? = nil,
    logicalShapes: (@Sendable (SubmeshShape) -> [LogicalMeshShape])? = nil,
    modes: [ShardingMode] = [.auto, .shardedState], stageCounts: ClosedRange<Int>? = nil
  ) {
    self.submeshes = submeshes
    self.logicalShapes = logicalShapes
    self.modes = modes
    self.stageCounts = stageCounts
  }

  /// Everything: Shardline's own search.
  public static var full: SearchSpace { SearchSpace() }

  /// The views of `submesh` this space tries.
  func shapes(of submesh: SubmeshShape) -> [LogicalMeshShape] {
    logicalShapes?(submesh) ?? MeshChoices.logicalShapes(of: submesh)
  }
}
