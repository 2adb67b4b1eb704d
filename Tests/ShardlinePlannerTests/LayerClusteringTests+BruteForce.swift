import ShardlineInterpreter
import ShardlinePlanner
import Testing

extension LayerClusteringTests {
  /// A random problem: K ≤ 10 ops with small integer FLOPs (some zero) and bytes, random earlier
  /// operands, sometimes a restricted set of cut positions.
  static func randomProblem(seed: UInt64) -> (ClusteringProblem, layers: Int, epsilon: Double) {
    var random = SplitMix64(seed: seed)
    let count = Int.random(in: 1...10, using: &random)
    var ops: [(Double, Double, [Int])] = []
    for op in 0..<count {
      let readCount = op == 0 ? 0 : Int.random(in: 0...3, using: &random)
      let reads = (0..<readCount).map { _ in Int.random(in: 0..<op, using: &random) }
      ops.append(
        (
          Double(Int.random(in: 0...6, using: &random)),
          Double(Int.random(in: 1...20, using: &random)), reads
        ))
    }
    let cuts: [Int]? =
      Bool.random(using: &random)
      ? nil : (1..<max(1, count)).filter { _ in Double.random(in: 0..<1, using: &random) < 0.6 }
    let epsilons = [0, 0.25, 0.5, 1, 3]
    return (
      problem(ops, cuts: cuts), Int.random(in: 1...4, using: &random),
      epsilons[Int.random(in: 0..<epsilons.count, using: &random)]
    )
  }

  /// Every clustering into `layers` layers at the allowed cuts that meets the FLOP bound and puts
  /// an op with FLOPs in every layer, with its (largest inflow, total inflow), straight from the
  /// definitions.
  static func allClusterings(_ p: ClusteringProblem, layers: Int, epsilon: Double)
    -> [(layers: [Int], largest: Double, total: Double)]
  {
    let limit = (1 + epsilon) * p.flops.reduce(0, +) / Double(layers)
    let cuts = p.allowedCuts
    var result: [(layers: [Int], largest: Double, total: Double)] = []
    func choose(_ from: Int, _ chosen: [Int]) {
      if chosen.count == layers - 1 {
        let starts = [0] + chosen
        let assignment = (0..<p.opCount).map { op in starts.lastIndex { $0 <= op }! }
        for layer in 0..<layers {
          let layerFlops = (0..<p.opCount).filter { assignment[$0] == layer }
            .reduce(0.0) { $0 + p.flops[$1] }
          if layerFlops > limit { return }
          // A layer needs an op with FLOPs unless no op has any.
          if layerFlops == 0 && p.flops.contains(where: { $0 > 0 }) { return }
        }
        let inflow = LayerClustering.inflowBytes(p, layers: assignment)
        result.append((assignment, inflow.max()!, inflow.reduce(0, +)))
        return
      }
      for index in from..<cuts.count { choose(index + 1, chosen + [cuts[index]]) }
    }
    if layers >= 1 && layers <= cuts.count + 1 && p.opCount > 0 { choose(0, []) }
    return result
  }

  @Test("clustering equals brute force over all cut sets on random small problems")
  func matchesBruteForce() {
    var solved = 0
    var unique = 0
    for seed in UInt64(0)..<1500 {
      let (p, layers, epsilon) = Self.randomProblem(seed: seed)
      let all = Self.allClusterings(p, layers: layers, epsilon: epsilon).sorted {
        ($0.largest, $0.total) < ($1.largest, $1.total)
      }
      let found = LayerClustering.cluster(p, layerCount: layers, epsilon: epsilon)
      #expect((found == nil) == all.isEmpty, "seed \(seed)")
      guard let found, let best = all.first else { continue }
      solved += 1
      let inflow = LayerClustering.inflowBytes(p, layers: found)
      #expect(inflow.count == layers)
      #expect(inflow.max() == best.largest, "seed \(seed)")
      #expect(inflow.reduce(0, +) == best.total, "seed \(seed)")
      if all.count == 1 || (all[1].largest, all[1].total) != (best.largest, best.total) {
        unique += 1
        #expect(found == best.layers, "seed \(seed)")
      }
    }
    #expect(solved >= 500)
    #expect(unique >= 200)
  }

  @Test("every layer is non-empty, contiguous and within the FLOP bound")
  func balance() throws {
    var checked = 0
    for seed in UInt64(5000)..<5400 {
      let (p, layers, epsilon) = Self.randomProblem(seed: seed)
      guard let found = LayerClustering.cluster(p, layerCount: layers, epsilon: epsilon) else {
        continue
      }
      checked += 1
      let limit = (1 + epsilon) * p.flops.reduce(0, +) / Double(layers)
      #expect(found.first == 0)
      #expect(zip(found, found.dropFirst()).allSatisfy { $1 == $0 || $1 == $0 + 1 })
      #expect(found.last == layers - 1)
      for layer in 0..<layers {
        let ops = found.indices.filter { found[$0] == layer }
        #expect(!ops.isEmpty)
        #expect(ops.reduce(0.0) { $0 + p.flops[$1] } <= limit)
        #expect(ops.contains { p.flops[$0] > 0 } || !p.flops.contains { $0 > 0 })
      }
      #expect(Set(Self.starts(found).dropFirst()).isSubset(of: p.allowedCuts))
    }
    #expect(checked >= 100)
  }
}
