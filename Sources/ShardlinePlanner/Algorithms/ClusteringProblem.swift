/// The input of operator clustering (Alpa §5.3): a topologically ordered sequence of ops with
/// their FLOPs, the bytes of the value each produces, and which values each reads.
///
/// Clustering never reorders ops; a layer is a contiguous run of them. The problem holds no IR, only
/// indices and numbers, so the caller decides what an "op" is (one IR node, or a fused group).
///
/// Values with no producer in the sequence (graph inputs) are simply not listed. Parameters that
/// are ops of the sequence should sit right before their first consumer: a parameter listed at the
/// start flows into every later layer that reads it and inflates that layer's inflow.
public struct ClusteringProblem: Sendable, Hashable, Codable {
  /// FLOPs of each op, in topological order; not negative.
  public var flops: [Double]
  /// Bytes of the value each op produces; not negative.
  public var outputBytes: [Double]
  /// For each op, the indices of the ops whose values it reads; each smaller than the op's own
  /// index. Repeats are allowed and count once.
  public var operands: [[Int]]
  /// Where a layer may begin: positions `c` in `1..<K` such that op `c` may start a new layer.
  /// `nil` allows every position; other positions are ignored.
  public var cutPositions: [Int]?

  /// Creates a problem.
  ///
  /// - Parameters:
  ///   - flops: FLOPs of each op, in topological order.
  ///   - outputBytes: Bytes of the value each op produces.
  ///   - operands: For each op, the earlier ops it reads.
  ///   - cutPositions: Positions where a layer may begin; `nil` for every position.
  public init(
    flops: [Double], outputBytes: [Double], operands: [[Int]], cutPositions: [Int]? = nil
  ) {
    precondition(
      flops.count == outputBytes.count && flops.count == operands.count,
      "flops, outputBytes and operands need one entry per op")
    precondition(
      operands.indices.allSatisfy { op in operands[op].allSatisfy { (0..<op).contains($0) } },
      "every operand must be an earlier op")
    precondition(
      flops.allSatisfy { $0 >= 0 } && outputBytes.allSatisfy { $0 >= 0 },
      "FLOPs and bytes cannot be negative")
    self.flops = flops
    self.outputBytes = outputBytes
    self.operands = operands
    self.cutPositions = cutPositions
  }

  /// Number of ops (K).
  public var opCount: Int { flops.count }

  /// The positions right after ops with FLOPs, a common restriction of ``cutPositions`` that keeps
  /// free ops (reshapes, parameters, constants) with the op after them.
  public var positionsAfterComputeOps: [Int] {
    (1..<max(1, opCount)).filter { flops[$0 - 1] > 0 }
  }

  /// The positions where a layer may begin, sorted, without duplicates: ``cutPositions`` within
  /// `1..<K`, or all of them.
  public var allowedCuts: [Int] {
    guard opCount > 1 else { return [] }
    guard let cutPositions else { return Array(1..<opCount) }
    return Array(Set(cutPositions.filter { (1..<opCount).contains($0) })).sorted()
  }
}
