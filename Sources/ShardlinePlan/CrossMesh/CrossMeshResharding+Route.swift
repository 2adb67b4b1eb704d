import ShardlineHardware
import ShardlineIR

extension CrossMeshResharding {
  /// The messages that move a tensor of `type` from `source` to `destination` the way
  /// ``transfer(_:from:to:on:)`` prices it: with the local all-gather over the axes it chooses,
  /// or with whole tiles.
  ///
  /// With an all-gather over groups of g devices, receiver k of its group (k its rank: its row,
  /// its column, or row·n1 + column for both axes) receives slice k of its tile along the first
  /// dimension every tile's length divides by g; when no dimension does, each receiver gets its
  /// whole tile instead. Each piece (the intersection of what a receiver needs with a source
  /// tile) is sent by the holder the cost model's routing prefers: one on the receiver's host,
  /// then the least loaded so far.
  ///
  /// - Parameters: As for ``transfer(_:from:to:on:)``; neither spec may be partial.
  /// - Complexity: O(devices · pieces per device · holders), never per element.
  public static func route(
    _ type: TensorType, from source: MeshPlacement, to destination: MeshPlacement,
    on cluster: ClusterSpec
  ) -> CrossMeshRoute {
    let router = CrossMeshRouter(type, from: source, to: destination, on: cluster)
    let tiling = router.destinationTiling
    var axes = transfer(type, from: source, to: destination, on: cluster).allGatherAxes
    let groupSize = axes.reduce(1) { $0 * destination.meshShape.sizes[$1] }
    let boxes = (0..<tiling.tileCount).map { box(ofTile: $0, in: tiling) }
    var dimension: Int?
    if groupSize > 1 {
      dimension = type.shape.indices.first { dimension in
        boxes.allSatisfy { $0[dimension].count % groupSize == 0 }
      }
      if dimension == nil { axes = [] }
    }
    var loads = CrossMeshLoads(
      sourceCount: source.devices.count, destinationCount: destination.devices.count,
      cluster: cluster)
    var links = CrossMeshRouter.LinkCosts()
    var messages: [CrossMeshRoute.Message] = []
    var receivedShapes: [[Int]] = []
    for receiver in destination.devices.indices {
      var wanted = boxes[tiling.tileOfDevice[receiver]]
      if let dimension {
        let columns = destination.shape.columns
        let coordinate = [receiver / columns, receiver % columns]
        let rank = axes.reduce(0) { $0 * destination.meshShape.sizes[$1] + coordinate[$1] }
        let part = wanted[dimension].count / groupSize
        let start = wanted[dimension].lowerBound + rank * part
        wanted[dimension] = start..<(start + part)
      }
      receivedShapes.append(wanted.map(\.count))
      for (sourceTile, piece) in pieces(of: wanted, in: router.sourceTiling) {
        let elements = piece.reduce(1) { $0 * $1.count }
        let sender =
          router.deliver(
            Double(elements) * router.elementBytes, of: sourceTile, to: receiver, loads: &loads,
            links: &links) ?? router.sourcePositionOfReceiver[receiver]
        let origin = box(ofTile: sourceTile, in: router.sourceTiling)
        messages.append(
          CrossMeshRoute.Message(
            sender: sender, receiver: receiver, shape: piece.map(\.count),
            sourceStart: zip(piece, origin).map { $0.lowerBound - $1.lowerBound },
            destinationStart: zip(piece, wanted).map { $0.lowerBound - $1.lowerBound }))
      }
    }
    return CrossMeshRoute(
      messages: messages, allGatherAxes: axes, allGatherDimension: dimension,
      receivedShapes: receivedShapes)
  }

  /// The index box tile `tile` of `tiling` covers.
  private static func box(ofTile tile: Int, in tiling: CrossMeshTiling) -> [Range<Int>] {
    tiling.shards(ofTile: tile).enumerated().map { tiling.interval(dimension: $0, shard: $1) }
  }

  /// The non-empty intersections of `wanted` with the tiles of `tiling`, with each tile's number,
  /// in grid order (the last dimension fastest).
  private static func pieces(
    of wanted: [Range<Int>], in tiling: CrossMeshTiling
  ) -> [(tile: Int, box: [Range<Int>])] {
    var perDimension: [[(shard: Int, range: Range<Int>)]] = []
    for (dimension, range) in wanted.enumerated() {
      guard !range.isEmpty else { return [] }
      let chunk = tiling.chunks[dimension]
      perDimension.append(
        ((range.lowerBound / chunk)...((range.upperBound - 1) / chunk)).compactMap { shard in
          let held = tiling.interval(dimension: dimension, shard: shard)
          let overlap =
            max(held.lowerBound, range.lowerBound)..<min(held.upperBound, range.upperBound)
          return overlap.isEmpty ? nil : (shard, overlap)
        })
    }
    var result: [(tile: Int, box: [Range<Int>])] = [(0, [])]
    for (dimension, options) in perDimension.enumerated() {
      result = result.flatMap { partial in
        options.map { option in
          (
            partial.tile * tiling.shardCounts[dimension] + option.shard,
            partial.box + [option.range]
          )
        }
      }
    }
    return result
  }
}
