/// The result of the stage DP: the stages, the objective and how much search it took.
public struct StageDPSolution: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The stages in pipeline order; their layers cover `0..<L` contiguously and their devices the
  /// whole mesh, disjointly.
  public var stages: [StageAssignment]
  /// The objective `Σ t_i + (B − 1) · max t_i` in seconds, computed from the stages' latencies.
  public var iterationSeconds: Double
  /// Number of t_max values the DP was run for (each run fills the whole F table).
  public var tMaxCandidatesTried: Int
  /// Number of distinct stage latencies, the t_max values the search chose from.
  public var distinctLatencyCount: Int
  /// Number of (layer range, submesh) pairs with a cost that fits in memory for some stage count.
  public var candidateCount: Int

  /// Creates a solution.
  public init(
    stages: [StageAssignment],
    iterationSeconds: Double,
    tMaxCandidatesTried: Int = 0,
    distinctLatencyCount: Int = 0,
    candidateCount: Int = 0
  ) {
    self.stages = stages
    self.iterationSeconds = iterationSeconds
    self.tMaxCandidatesTried = tMaxCandidatesTried
    self.distinctLatencyCount = distinctLatencyCount
    self.candidateCount = candidateCount
  }

  /// The largest per-microbatch stage latency in seconds.
  public var maxStageLatencySeconds: Double {
    stages.map(\.candidate.latencySeconds).max() ?? 0
  }

  /// One stage per line, then the objective.
  public var description: String {
    (stages.map(\.description) + ["iteration \(iterationSeconds) s"]).joined(separator: "\n")
  }
}
