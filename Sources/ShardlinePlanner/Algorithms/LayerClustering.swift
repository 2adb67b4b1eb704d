/// Operator clustering: slicing the op sequence into L layers for the stage DP (Alpa §5.3).
///
/// Each layer's FLOPs stay within `(1 + ε)` times the average `total / L`, and each layer holds
/// at least one op with FLOPs (unless no op has any), so a layer is never just a parameter, a
/// reshape or a graph input. Among such clusterings the one chosen minimizes, in order:
/// 1. the largest inflow of any layer: the bytes of the distinct values produced before the layer's
///    first op and read inside it (each value counted once per layer that reads it);
/// 2. the sum of those inflows over all layers (the total cross-layer traffic);
/// 3. then deterministically: the last layer starts as early as possible, then the one before it,
///    and so on.
///
/// The first criterion is Alpa's G(k, l) = min over i of max(G(i, l − 1), C(i + 1, k)). A
/// lexicographic (max, sum) DP would not be exact (a prefix with a larger max can win once a later
/// layer's inflow dominates both), so the second criterion is a second DP that minimizes the sum
/// over layers whose inflow is at most the optimal maximum.
public enum LayerClustering {
  /// The layer of each op in the best clustering into `layerCount` layers, or `nil` when none
  /// exists.
  ///
  /// - Parameters:
  ///   - problem: The ops, their FLOPs and data flow, and the allowed cut positions.
  ///   - layerCount: Number of layers (L).
  ///   - epsilon: Allowed FLOP imbalance ε: every layer has at most `(1 + ε) · total / L` FLOPs.
  /// - Returns: For each op its layer: nondecreasing, starting at 0, every layer in `0..<L`
  ///   non-empty, holding an op with FLOPs, and starting at an allowed cut; `nil` when no such
  ///   clustering meets the FLOP bound (or there are fewer ops or cut positions than layers).
  /// - Complexity: O(P · W · L) for P allowed boundaries and W the boundaries one layer can span,
  ///   at most O(K² · L); plus O(K + reads) per boundary to compute inflows.
  public static func cluster(_ problem: ClusteringProblem, layerCount: Int, epsilon: Double = 0.5)
    -> [Int]?
  {
    let table = ClusteringTable(problem)
    guard let limit = flopLimit(problem, layerCount: layerCount, epsilon: epsilon, table: table),
      let largest = minimumLargestInflow(table, layerCount: layerCount, flopLimit: limit),
      let ends = leastTotalInflow(
        table, layerCount: layerCount, flopLimit: limit, inflowLimit: largest)
    else { return nil }
    var layers = [Int](repeating: 0, count: problem.opCount)
    var start = 0
    for (layer, end) in ends.enumerated() {
      for op in start..<end { layers[op] = layer }
      start = end
    }
    return layers
  }

  /// The number of layers to cluster into when the caller gives none.
  ///
  /// Rule: the largest L in `2...min(maxLayerCount, P)` (P the number of allowed boundaries, so one
  /// more than the cut positions) for which a balanced clustering exists and its largest layer
  /// inflow is at most `volumeTolerance` times that of the best balanced 2-layer clustering; 1 when
  /// not even two layers can be balanced.
  ///
  /// Why: more layers give the stage DP more freedom, but a layer boundary is where stages may be
  /// cut and tensors cross meshes. The best 2-layer cut measures the thinnest balanced boundary the
  /// model has (the residual stream of a transformer); accepting boundaries somewhat thicker
  /// keeps every boundary thin while stopping before layers must cut through fat tensors inside
  /// a block. For a chain of identical blocks this is the number of blocks, or of their thin
  /// sub-blocks (a transformer block is as thin after its attention residual add as after its MLP
  /// one). The default tolerance is 1.5, not 2: right after a transformer's LayerNorm both the
  /// normalized tensor and the residual cross, exactly twice the residual, and such a boundary
  /// is not worth a layer.
  ///
  /// - Parameters:
  ///   - problem: The ops.
  ///   - maxLayerCount: The largest L tried.
  ///   - epsilon: Allowed FLOP imbalance ε, as in ``cluster(_:layerCount:epsilon:)``.
  ///   - volumeTolerance: How many times the best 2-layer inflow a boundary may carry; at least 1.
  /// - Complexity: Up to `maxLayerCount` runs of the min-max DP, tried from the largest L down.
  public static func automaticLayerCount(
    _ problem: ClusteringProblem, maxLayerCount: Int = 32, epsilon: Double = 0.5,
    volumeTolerance: Double = 1.5
  ) -> Int {
    precondition(volumeTolerance >= 1, "the volume tolerance must admit the 2-layer optimum")
    let table = ClusteringTable(problem)
    let highest = min(maxLayerCount, table.positionCount)
    guard highest >= 2,
      let twoLimit = flopLimit(problem, layerCount: 2, epsilon: epsilon, table: table),
      let twoLayers = minimumLargestInflow(table, layerCount: 2, flopLimit: twoLimit)
    else { return 1 }
    for layers in stride(from: highest, to: 2, by: -1) {
      guard let limit = flopLimit(problem, layerCount: layers, epsilon: epsilon, table: table),
        let largest = minimumLargestInflow(table, layerCount: layers, flopLimit: limit)
      else { continue }
      if largest <= volumeTolerance * twoLayers { return layers }
    }
    return 2
  }

  /// The inflow of each layer of a clustering: the bytes of the distinct values produced in an
  /// earlier layer and read in this one, each value counted once per reading layer.
  ///
  /// This is the objective's definition, evaluated directly, independently of the DP.
  ///
  /// - Parameters:
  ///   - problem: The ops.
  ///   - layers: The layer of each op, nondecreasing.
  /// - Returns: One entry per layer `0...layers.max()`.
  public static func inflowBytes(_ problem: ClusteringProblem, layers: [Int]) -> [Double] {
    precondition(layers.count == problem.opCount, "one layer per op")
    var inflow = [Double](repeating: 0, count: (layers.max() ?? -1) + 1)
    var counted = Set<[Int]>()
    for op in 0..<problem.opCount {
      for producer in problem.operands[op]
      where layers[producer] < layers[op] && counted.insert([producer, layers[op]]).inserted {
        inflow[layers[op]] += problem.outputBytes[producer]
      }
    }
    return inflow
  }

  /// `(1 + ε) · total / L`, or `nil` when L layers cannot be formed at all.
  static func flopLimit(
    _ problem: ClusteringProblem, layerCount: Int, epsilon: Double, table: ClusteringTable
  ) -> Double? {
    guard layerCount >= 1, layerCount <= table.positionCount, epsilon >= 0 else { return nil }
    return (1 + epsilon) * problem.flops.reduce(0, +) / Double(layerCount)
  }
}
