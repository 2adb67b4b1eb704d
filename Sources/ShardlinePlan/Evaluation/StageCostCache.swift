import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineSharding
import Synchronization

/// Stage costings already computed, keyed by what they depend on: the slice's structure, the
/// mesh and the decisions (in slice terms). Identical stages of one plan, and stages an edit did
/// not touch, are priced once.
final class StageCostCache: Sendable {
  private struct Key: Hashable {
    var digest: String
    var mesh: LogicalMesh
    var decisions: [NodeID: FixedSharding.Decision]
    var rematerialization: Bool
    var options: ShardingOptions
  }

  private let entries = Mutex<[Key: StageCosting]>([:])

  /// The costing of `stage` (its slice on `mesh`), from the cache or computed.
  ///
  /// - Throws: ``ShardingError`` for a decision on a node outside the stage or one the op
  ///   cannot take.
  func costing(
    slice: GraphSlice, stage: PlanStage, mesh: LogicalMesh, costModel: ComputeCostModel,
    options: ShardingOptions, layerOf: [Int], rematerialization: Bool
  ) throws(ShardingError) -> StageCosting {
    let decisions = try Self.decisions(of: stage, in: slice)
    let key = Key(
      digest: slice.digest, mesh: mesh, decisions: decisions,
      rematerialization: rematerialization, options: options)
    if let hit = entries.withLock({ $0[key] }) { return hit }
    let costing = try StageCosting(
      slice: slice, decisions: decisions, mesh: mesh, costModel: costModel, options: options,
      layerOf: layerOf, rematerialization: rematerialization)
    entries.withLock { $0[key] = costing }
    return costing
  }

  /// The decisions of `stage`'s ops, keyed by their nodes in `slice`.
  ///
  /// - Throws: ``ShardingError/unknownOp(name:reason:)`` for an op outside the slice.
  static func decisions(
    of stage: PlanStage, in slice: GraphSlice
  ) throws(ShardingError) -> [NodeID: FixedSharding.Decision] {
    var decisions: [NodeID: FixedSharding.Decision] = [:]
    for op in stage.ops {
      guard let local = slice.sliceNodes[op.node] else {
        throw .unknownOp(name: op.name, reason: "node \(op.node) is not in the stage's layers")
      }
      decisions[local] = FixedSharding.Decision(strategy: op.strategy, spec: op.spec)
    }
    return decisions
  }
}
