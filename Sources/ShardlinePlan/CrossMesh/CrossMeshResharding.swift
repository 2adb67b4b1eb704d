import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// The cost of moving a tensor between two pipeline stages that run on different submeshes with
/// different shardings (DESIGN.md "Stage construction"; Alpa, Zheng et al. OSDI 2022, §6
/// "cross-mesh resharding" and the §8.5 ablation; Zhuang et al., "On Optimizing the Communication
/// of Model Parallelism", MLSys 2023).
///
/// The source spec tiles the tensor's index space over the source's logical mesh and the
/// destination spec over the destination's. Each destination device needs the intersection of its
/// tile with every source tile; each such piece is sent point to point by one source device holding
/// it (see ``transfer(_:from:to:on:)`` for the routing and the time model). A device that is in
/// both meshes and already holds a piece keeps it for free.
///
/// Local all-gather (Alpa §6): when the destination replicates each tile over r > 1 devices along
/// some mesh axes, each of those r devices can receive 1/r of the tile and all-gather the rest
/// inside the destination mesh, over its fast links, instead of receiving the whole tile r times.
/// Every choice of replicated axes is priced; the cheapest plan wins and is reported.
///
/// Partial sums are not transferred: a partial spec is a precondition failure. The caller completes
/// the sum on the source mesh first (``ShardingContext/resharding(_:from:to:)`` prices that), so
/// that only one copy of each value crosses between the meshes.
public enum CrossMeshResharding {
  /// The cost of moving a tensor of `type` from `source` to `destination` on `cluster`: the
  /// cheapest of ``alternatives(_:from:to:on:)``, the plan without all-gather on ties.
  ///
  /// Time model (every α and β is the cluster's, from
  /// ``ClusterSpec/pointToPointCost(from:to:)`` and ``NetworkProfile/hostBandwidthBytesPerSecond``):
  /// - all messages run at once; a message of B bytes costs α + β·B on its link (the intra-host
  ///   link within a host, one NIC across hosts);
  /// - each device's sends are serialized on its outgoing link, and its receives on its incoming
  ///   link; a host's concurrent cross-host messages in each direction share its total network
  ///   bandwidth (all its NICs);
  /// - send time = max(busiest device send queue, busiest device receive queue, busiest host
  ///   network direction);
  /// - with the local all-gather over destination axes A, whose groups have g devices, each
  ///   receiver gets 1/g of every piece, and the time adds the all-gather of one tile,
  ///   α_A + β_A·(g−1)/g·tile bytes (``AxisCost/time(of:bytes:options:)`` on the destination's
  ///   ``LogicalMesh``).
  ///
  /// A sender on the receiver's host is preferred, then the least loaded, in a fixed order.
  ///
  /// - Parameters:
  ///   - type: The tensor.
  ///   - source: Where the producing stage holds it; its spec must not be partial.
  ///   - destination: Where the consuming stage needs it; its spec must not be partial.
  ///   - cluster: The cluster both placements' devices belong to.
  /// - Returns: ``CrossMeshTransfer/free`` for identical placements.
  /// - Complexity: O(P·r·h) for P pieces (destination tiles × the source tiles each overlaps)
  ///   held by r destination and h source devices each, times at most four routings; never per
  ///   element.
  public static func transfer(
    _ type: TensorType, from source: MeshPlacement, to destination: MeshPlacement,
    on cluster: ClusterSpec
  ) -> CrossMeshTransfer {
    if source == destination {
      precondition(!source.spec.isPartial, "complete the partial sum of \(source.spec) first")
      return .free
    }
    let options = alternatives(type, from: source, to: destination, on: cluster)
    var best = options[0]
    for option in options.dropFirst() where option.seconds < best.seconds { best = option }
    return best
  }

  /// Every plan ``transfer(_:from:to:on:)`` chooses from: point-to-point sends of whole tiles
  /// first, then the local all-gather over each non-empty set of the destination's replicated axes
  /// (of size > 1; `[0]`, `[1]`, then `[0, 1]`), when the destination's devices form a submesh
  /// (``MeshPlacement/submeshShape(on:)``).
  ///
  /// - Parameters: As for ``transfer(_:from:to:on:)``.
  /// - Returns: One to four plans, the first without all-gather.
  public static func alternatives(
    _ type: TensorType, from source: MeshPlacement, to destination: MeshPlacement,
    on cluster: ClusterSpec
  ) -> [CrossMeshTransfer] {
    let router = CrossMeshRouter(type, from: source, to: destination, on: cluster)
    let direct = router.route(sliceCount: 1)
    var plans = [
      CrossMeshTransfer(
        bytes: direct.bytes, seconds: direct.seconds, messageCount: direct.messageCount)
    ]
    guard let mesh = destination.logicalMesh(on: cluster) else { return plans }
    let split = destination.spec.splitAxes
    let replicated = [0, 1].filter { mesh.shape.size(ofAxis: $0) > 1 && !split.contains($0) }
    let axisSets = replicated.map { [$0] } + (replicated.count == 2 ? [[0, 1]] : [])
    let tileBytes =
      Double(router.destinationTiling.largestTileElements) * Double(type.dtype.byteSize)
    for axes in axisSets {
      let groupSize = axes.reduce(1) { $0 * mesh.shape.size(ofAxis: $1) }
      let cost = axes.count == 1 ? mesh.axisCost(axes[0]) : mesh.wholeMeshCost
      let allGather = cost.time(of: .allGather, bytes: tileBytes)
      let loads = router.route(sliceCount: groupSize)
      plans.append(
        CrossMeshTransfer(
          bytes: loads.bytes, seconds: loads.seconds + allGather, messageCount: loads.messageCount,
          allGatherAxes: axes, allGatherSeconds: allGather))
    }
    return plans
  }
}
