/// The two dynamic programs behind ``LayerClustering/cluster(_:layerCount:epsilon:)``.
extension LayerClustering {
  /// Alpa's G: the least possible largest layer inflow over clusterings into `layerCount` layers
  /// of at most `flopLimit` FLOPs each, or `nil` when there are none.
  ///
  /// G(y, l) = min over x < y of max(G(x, l − 1), C(x, y)) over boundary indices, G(0, 0) = 0.
  static func minimumLargestInflow(_ table: ClusteringTable, layerCount: Int, flopLimit: Double)
    -> Double?
  {
    let value = sweep(table, layerCount: layerCount, flopLimit: flopLimit) { prefix, inflow in
      max(prefix, inflow)
    }.value
    return value.isFinite ? value : nil
  }

  /// The ends (exclusive) of the layers of the clustering with the least total inflow among those
  /// whose every layer has at most `inflowLimit` inflow bytes and `flopLimit` FLOPs.
  static func leastTotalInflow(
    _ table: ClusteringTable, layerCount: Int, flopLimit: Double, inflowLimit: Double
  ) -> [Int]? {
    let result = sweep(table, layerCount: layerCount, flopLimit: flopLimit) { prefix, inflow in
      inflow <= inflowLimit ? prefix + inflow : .infinity
    }
    guard result.value.isFinite else { return nil }
    var ends: [Int] = []
    var (y, layer) = (table.positionCount, layerCount)
    while layer > 0 {
      ends.append(table.boundaries[y])
      y = result.parent[y * (layerCount + 1) + layer]
      layer -= 1
    }
    return ends.reversed()
  }

  /// One DP over boundary indices: best[y][l] = min over x of combine(best[x][l − 1], C(x, y)),
  /// taking the smallest x on ties. Starts x ascend, so best[x][·] is final when row x is read.
  private static func sweep(
    _ table: ClusteringTable, layerCount: Int, flopLimit: Double,
    combine: (_ prefix: Double, _ inflow: Double) -> Double
  ) -> (value: Double, parent: [Int]) {
    let positions = table.positionCount
    let width = layerCount + 1
    var best = [Double](repeating: .infinity, count: (positions + 1) * width)
    var parent = [Int](repeating: -1, count: (positions + 1) * width)
    var inflow = [Double](repeating: 0, count: positions + 1)
    best[0] = 0
    for x in 0..<positions {
      // Layers already placed before boundary x: at most x, and at most L − 1.
      let placed = (0...min(x, layerCount - 1)).filter { best[x * width + $0].isFinite }
      guard let fewest = placed.first, let most = placed.last else { continue }
      let last = table.fillRow(from: x, flopLimit: flopLimit, into: &inflow)
      guard last > x else { continue }
      for y in (x + 1)...last {
        // The l-th layer ends at y; enough boundaries must remain for the layers after it.
        let low = max(fewest + 1, layerCount - (positions - y))
        let high = most + 1
        guard low <= high else { continue }
        let bytes = inflow[y]
        for layer in low...high {
          let prefix = best[x * width + layer - 1]
          guard prefix.isFinite else { continue }
          let value = combine(prefix, bytes)
          if value < best[y * width + layer] {
            best[y * width + layer] = value
            parent[y * width + layer] = x
          }
        }
      }
    }
    return (best[positions * width + layerCount], parent)
  }
}
