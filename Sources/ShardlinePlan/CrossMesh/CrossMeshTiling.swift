import ShardlineSharding

/// How a placement's spec cuts a tensor into tiles, and which devices hold each tile.
///
/// Dimension d split over k devices is cut into k blocks of ⌈size/k⌉ elements, the last ones
/// shorter or empty when k does not divide the size (XLA's tiling); shard p covers
/// [min(p·c, size), min((p+1)·c, size)) with c = ⌈size/k⌉. Along `S0` device (i, j) holds shard i,
/// along `S1` shard j, along `S01` shard i·n1 + j (axis 0 major), along `R` the whole dimension. A
/// tile is one choice of shard per dimension, numbered row-major (last dimension fastest).
struct CrossMeshTiling {
  /// The tensor's dimension sizes.
  let sizes: [Int]
  /// Shards of each dimension (k_d).
  let shardCounts: [Int]
  /// Elements per shard of each dimension (⌈size/k⌉; the last shards may be shorter).
  let chunks: [Int]
  /// The tile each device holds, by position in the placement's device list.
  let tileOfDevice: [Int]
  /// The device positions holding each tile, ascending.
  let holders: [[Int]]

  /// Tiles the tensor of `sizes` as `placement` shards it.
  ///
  /// - Complexity: O(devices · rank).
  init(sizes: [Int], placement: MeshPlacement) {
    let spec = placement.spec
    precondition(
      spec.dims.count == sizes.count, "\(spec) does not shard a rank-\(sizes.count) tensor")
    precondition(
      !spec.isPartial, "complete the partial sum of \(spec) before a cross-mesh transfer")
    precondition(
      Set(spec.splitAxes).count == spec.splitAxes.count, "\(spec) splits over an axis twice")
    let columns = placement.shape.columns
    let counts = spec.dims.map { placement.meshShape.devices(along: $0.axes) }
    self.sizes = sizes
    shardCounts = counts
    chunks = zip(sizes, counts).map { size, count in (size + count - 1) / count }
    let tileCount = counts.reduce(1, *)
    var tileOfDevice: [Int] = []
    tileOfDevice.reserveCapacity(placement.devices.count)
    var holders = [[Int]](repeating: [], count: tileCount)
    for position in placement.devices.indices {
      let (row, column) = (position / columns, position % columns)
      var tile = 0
      for (dim, count) in zip(spec.dims, counts) {
        let shard =
          switch dim {
          case .replicated: 0
          case .axis0: row
          case .axis1: column
          case .both: row * columns + column
          }
        tile = tile * count + shard
      }
      tileOfDevice.append(tile)
      holders[tile].append(position)
    }
    self.tileOfDevice = tileOfDevice
    self.holders = holders
  }

  /// Number of distinct tiles.
  var tileCount: Int { holders.count }

  /// The elements shard `shard` of dimension `dimension` covers.
  func interval(dimension: Int, shard: Int) -> Range<Int> {
    let size = sizes[dimension]
    let chunk = chunks[dimension]
    return min(shard * chunk, size)..<min((shard + 1) * chunk, size)
  }

  /// The shard of each dimension that tile `tile` takes.
  func shards(ofTile tile: Int) -> [Int] {
    var rest = tile
    var shards = [Int](repeating: 0, count: sizes.count)
    for dimension in sizes.indices.reversed() {
      shards[dimension] = rest % shardCounts[dimension]
      rest /= shardCounts[dimension]
    }
    return shards
  }

  /// Elements of the largest tile (every tile when the splits divide the sizes).
  var largestTileElements: Int { zip(sizes, chunks).reduce(1) { $0 * min($1.0, $1.1) } }
}
