/// The pieces a transfer moves: for each destination tile, every source tile it overlaps and the
/// number of elements they share.
///
/// Computed per dimension from interval intersections (a destination shard overlaps a run of
/// consecutive source shards), then multiplied out over the dimensions, so the cost is the number
/// of non-empty pieces, never the number of elements. Stored flat: the pieces of destination tile
/// t are at indices `start[t]..<start[t + 1]`.
struct CrossMeshPieces {
  /// Where each destination tile's pieces begin; one more entry than there are tiles.
  let start: [Int]
  /// The source tile of each piece.
  let sourceTile: [Int]
  /// The elements of each piece.
  let elements: [Int]

  /// Intersects every tile of `destination` with every tile of `source` (same tensor sizes).
  ///
  /// - Complexity: O(pieces · rank) plus O(shards) per dimension.
  init(source: CrossMeshTiling, destination: CrossMeshTiling) {
    precondition(source.sizes == destination.sizes, "both tilings must cut the same tensor")
    let rank = source.sizes.count
    // overlaps[d][q]: the (source shard, shared length) pairs of destination shard q of dimension d.
    var overlaps: [[[(shard: Int, length: Int)]]] = []
    overlaps.reserveCapacity(rank)
    for dimension in 0..<rank {
      var perShard: [[(shard: Int, length: Int)]] = []
      perShard.reserveCapacity(destination.shardCounts[dimension])
      let chunk = source.chunks[dimension]
      for shard in 0..<destination.shardCounts[dimension] {
        let wanted = destination.interval(dimension: dimension, shard: shard)
        var pairs: [(shard: Int, length: Int)] = []
        if !wanted.isEmpty {
          for sourceShard in (wanted.lowerBound / chunk)...((wanted.upperBound - 1) / chunk) {
            let held = source.interval(dimension: dimension, shard: sourceShard)
            let length =
              min(held.upperBound, wanted.upperBound) - max(held.lowerBound, wanted.lowerBound)
            if length > 0 { pairs.append((sourceShard, length)) }
          }
        }
        perShard.append(pairs)
      }
      overlaps.append(perShard)
    }

    var start: [Int] = [0]
    start.reserveCapacity(destination.tileCount + 1)
    var sourceTile: [Int] = []
    var elements: [Int] = []
    var cursor = [Int](repeating: 0, count: rank)
    for tile in 0..<destination.tileCount {
      let shards = destination.shards(ofTile: tile)
      let lists = (0..<rank).map { overlaps[$0][shards[$0]] }
      if lists.allSatisfy({ !$0.isEmpty }) {
        // Odometer over one overlap per dimension, last dimension fastest.
        for index in cursor.indices { cursor[index] = 0 }
        while true {
          var sourceIndex = 0
          var count = 1
          for dimension in 0..<rank {
            let pair = lists[dimension][cursor[dimension]]
            sourceIndex = sourceIndex * source.shardCounts[dimension] + pair.shard
            count *= pair.length
          }
          sourceTile.append(sourceIndex)
          elements.append(count)
          var dimension = rank - 1
          while dimension >= 0 {
            cursor[dimension] += 1
            if cursor[dimension] < lists[dimension].count { break }
            cursor[dimension] = 0
            dimension -= 1
          }
          if dimension < 0 { break }
        }
      }
      start.append(sourceTile.count)
    }
    self.start = start
    self.sourceTile = sourceTile
    self.elements = elements
  }

  /// The indices of destination tile `tile`'s pieces.
  func pieces(ofTile tile: Int) -> Range<Int> { start[tile]..<start[tile + 1] }
}
