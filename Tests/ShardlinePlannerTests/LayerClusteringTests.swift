import ShardlinePlanner
import Testing

@Suite("LayerClustering")
struct LayerClusteringTests {
  /// One op per entry: (FLOPs, output bytes, operands).
  static func problem(_ ops: [(Double, Double, [Int])], cuts: [Int]? = nil) -> ClusteringProblem {
    ClusteringProblem(
      flops: ops.map(\.0), outputBytes: ops.map(\.1), operands: ops.map(\.2), cutPositions: cuts)
  }

  /// An input op (1 byte) then `blocks` blocks; each reads the 1-byte residual `x`, runs four ops
  /// with 100-byte outputs, and ends with `x + d`, a 1-byte residual. Block b starts at op 1 + 5b.
  static func residualChain(blocks: Int) -> ClusteringProblem {
    var ops: [(Double, Double, [Int])] = [(0, 1, [])]
    for _ in 0..<blocks {
      let x = ops.count - 1
      ops.append((10, 100, [x]))  // a = x · W1
      ops.append((1, 100, [x + 1]))  // b = gelu(a)
      ops.append((10, 100, [x + 2]))  // c = b · W2
      ops.append((10, 100, [x + 3, x + 2]))  // d = c · W3 (reads b again)
      ops.append((1, 1, [x, x + 4]))  // y = x + d
    }
    return problem(ops)
  }

  /// A transformer-like block with two thin points (after each residual add), 10 ops per block.
  static func transformerChain(blocks: Int) -> ClusteringProblem {
    var ops: [(Double, Double, [Int])] = [(0, 10, [])]
    for _ in 0..<blocks {
      let x = ops.count - 1
      ops.append((1, 10, [x]))  // ln1
      ops.append((30, 30, [x + 1]))  // qkv
      ops.append((20, 40, [x + 2]))  // attention (scores and context)
      ops.append((10, 10, [x + 3]))  // output projection
      ops.append((1, 10, [x, x + 4]))  // res1 = x + proj
      ops.append((1, 10, [x + 5]))  // ln2
      ops.append((40, 40, [x + 6]))  // fc1
      ops.append((4, 40, [x + 7]))  // gelu
      ops.append((40, 10, [x + 8]))  // fc2
      ops.append((1, 10, [x + 5, x + 9]))  // res2 = res1 + fc2
    }
    return problem(ops)
  }

  static func starts(_ layers: [Int]) -> [Int] {
    layers.indices.filter { $0 == 0 || layers[$0] != layers[$0 - 1] }
  }

  @Test("inflow counts each value once per reading layer, only from earlier layers")
  func inflowDefinition() {
    // 0 → 1, 0 → 2, 1 → 2, 0 → 3; layers [0], [1, 2], [3].
    let p = Self.problem([(1, 5, []), (1, 7, [0]), (1, 11, [0, 1, 0]), (1, 13, [0])])
    // Layer 1 reads op 0 (5 bytes) twice: 5 once; op 1 is inside. Layer 2 reads op 0: 5.
    #expect(LayerClustering.inflowBytes(p, layers: [0, 1, 1, 2]) == [0, 5, 5])
    // Layers [0, 1], [2, 3]: layer 1 reads ops 0 and 1: 5 + 7 = 12.
    #expect(LayerClustering.inflowBytes(p, layers: [0, 0, 1, 1]) == [0, 12])
  }

  @Test("a chain of residual blocks is cut exactly at the block boundaries", arguments: [2, 4, 8])
  func residualBlocks(blocks: Int) throws {
    let p = Self.residualChain(blocks: blocks)
    let layers = try #require(LayerClustering.cluster(p, layerCount: blocks))
    #expect(Self.starts(layers) == [0] + (1..<blocks).map { 1 + 5 * $0 })
    #expect(
      LayerClustering.inflowBytes(p, layers: layers) == [0] + Array(repeating: 1, count: blocks - 1)
    )
    #expect(LayerClustering.automaticLayerCount(p) == blocks)
  }

  @Test("transformer blocks are cut at both residual adds; the automatic count finds them")
  func transformerBlocks() throws {
    let p = Self.transformerChain(blocks: 6)
    #expect(LayerClustering.automaticLayerCount(p) == 12)
    let layers = try #require(LayerClustering.cluster(p, layerCount: 12))
    // Blocks start at 1 + 10b; the second half of a block starts after res1, at 6 + 10b.
    let expected =
      [0] + (0..<12).dropFirst().map { $0 % 2 == 0 ? 1 + 10 * ($0 / 2) : 6 + 10 * ($0 / 2) }
    #expect(Self.starts(layers) == expected)
    #expect(LayerClustering.inflowBytes(p, layers: layers).max() == 10)
    // A cap below the natural count is honoured.
    #expect(LayerClustering.automaticLayerCount(p, maxLayerCount: 5) == 5)
    // At twice the residual, cuts right after LayerNorm (normalized tensor + residual) qualify too.
    #expect(LayerClustering.automaticLayerCount(p, volumeTolerance: 2) > 12)
  }

  @Test("an op heavier than the FLOP bound allows makes the clustering infeasible")
  func infeasibleEpsilon() throws {
    // Total 13 FLOPs; two layers may hold (1 + ε)·13/2 each: 9.75 at ε = 0.5, below op 2's 10.
    let p = Self.problem([(1, 1, []), (1, 1, [0]), (10, 1, [1]), (1, 1, [2])])
    #expect(LayerClustering.cluster(p, layerCount: 2, epsilon: 0.5) == nil)
    // At ε = 1 the bound is 13: [0, 1] and [2, 3] (12 FLOPs) fit.
    let layers = try #require(LayerClustering.cluster(p, layerCount: 2, epsilon: 1))
    #expect(layers.filter { $0 == 1 }.isEmpty == false)
    #expect(LayerClustering.cluster(p, layerCount: 5) == nil)
    #expect(LayerClustering.cluster(p, layerCount: 0) == nil)
    // No count above 1 balances: (1 + ε)·13/L < 10 for every L ≥ 2.
    #expect(LayerClustering.automaticLayerCount(p) == 1)
    #expect(LayerClustering.automaticLayerCount(p, epsilon: 1) == 2)
  }

  @Test("layers begin only at the allowed cut positions")
  func allowedCuts() throws {
    let p = Self.residualChain(blocks: 4)
    var restricted = p
    restricted.cutPositions = [3, 9, 14, 100]
    let layers = try #require(LayerClustering.cluster(restricted, layerCount: 3, epsilon: 1))
    #expect(Set(Self.starts(layers)).isSubset(of: [0, 3, 9, 14]))
    #expect(LayerClustering.cluster(restricted, layerCount: 5, epsilon: 10) == nil)
    #expect(p.positionsAfterComputeOps == Array(2..<p.opCount))
  }
}
