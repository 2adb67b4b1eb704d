/// Operator clustering's flat view of a ``ClusteringProblem``: the allowed layer boundaries and,
/// for every op, the values it reads that might flow into a layer ending at or after it.
///
/// A value produced by op p and read by ops c1 < c2 < … flows into layer [a, b] when p < a ≤ cj ≤ b
/// for some j. For each read (p, cj) the table keeps `key = c(j−1)` (or `p` for the first read) and
/// the value's bytes: the read brings the value into every layer that starts in `key + 1 ... cj`
/// and contains cj, and no earlier read in that layer brought it in already. So the inflow of
/// [a, b] is the sum of the bytes of the reads at positions a…b whose key is below a, which one
/// sweep from a computes for every b at once (Alpa §5.3's C(i, k)).
struct ClusteringTable {
  /// FLOPs of each op.
  let flops: [Double]
  /// Layer boundaries: 0, the allowed cuts, then K. A layer is `boundaries[x]..<boundaries[y]`.
  let boundaries: [Int]
  /// Reads at op c are `readStart[c]..<readStart[c + 1]`.
  let readStart: [Int]
  /// The previous reader of each read's value, or its producer.
  let readKey: [Int]
  /// Bytes of each read's value.
  let readBytes: [Double]

  /// Indexes `problem`.
  init(_ problem: ClusteringProblem) {
    let count = problem.opCount
    var lastReader = [Int](repeating: -1, count: count)
    var readStart = [0]
    var readKey: [Int] = []
    var readBytes: [Double] = []
    for op in 0..<count {
      for producer in problem.operands[op] where lastReader[producer] != op {
        readKey.append(lastReader[producer] >= 0 ? lastReader[producer] : producer)
        readBytes.append(problem.outputBytes[producer])
        lastReader[producer] = op
      }
      readStart.append(readKey.count)
    }
    self.flops = problem.flops
    self.boundaries = count == 0 ? [0] : [0] + problem.allowedCuts + [count]
    self.readStart = readStart
    self.readKey = readKey
    self.readBytes = readBytes
  }

  /// Number of possible layers ends: boundaries after the first.
  var positionCount: Int { boundaries.count - 1 }

  /// Whether every layer must contain an op with FLOPs: true unless the problem has none at all.
  var layersNeedCompute: Bool { flops.contains { $0 > 0 } }

  /// Fills `inflow[y]` with the inflow bytes of layer `boundaries[x]..<boundaries[y]` for every
  /// `y > x` whose layer has at most `flopLimit` FLOPs, and returns the largest such `y` (`x` if
  /// none). A layer without an op with FLOPs gets infinity when ``layersNeedCompute``. FLOPs are
  /// summed op by op, in order.
  func fillRow(from x: Int, flopLimit: Double, into inflow: inout [Double]) -> Int {
    let start = boundaries[x]
    var y = x + 1
    var layerFlops = 0.0
    var bytes = 0.0
    var computes = !layersNeedCompute
    for op in start..<boundaries[boundaries.count - 1] {
      layerFlops += flops[op]
      if layerFlops > flopLimit { break }
      computes = computes || flops[op] > 0
      for read in readStart[op]..<readStart[op + 1] where readKey[read] < start {
        bytes += readBytes[read]
      }
      if op == boundaries[y] - 1 {
        inflow[y] = computes ? bytes : .infinity
        y += 1
      }
    }
    return y - 1
  }
}
