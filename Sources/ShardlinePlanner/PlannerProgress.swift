/// Where a planning run stands, for a live progress line.
public struct PlannerProgress: Sendable, Hashable, CustomStringConvertible {
  /// What the planner is doing (`profiling 16 microbatches`, `evaluating`).
  public var phase: String
  /// Stage candidates priced so far in this phase.
  public var candidatesPriced: Int
  /// Stage candidates the phase enumerates.
  public var candidatesTotal: Int
  /// Intra-op ILPs solved so far.
  public var ilpSolves: Int
  /// Layer solves reused (identical layers, on-disk cache).
  public var cacheHits: Int
  /// Seconds since the run started.
  public var elapsedSeconds: Double

  /// Creates a snapshot.
  public init(
    phase: String, candidatesPriced: Int, candidatesTotal: Int, ilpSolves: Int, cacheHits: Int,
    elapsedSeconds: Double
  ) {
    self.phase = phase
    self.candidatesPriced = candidatesPriced
    self.candidatesTotal = candidatesTotal
    self.ilpSolves = ilpSolves
    self.cacheHits = cacheHits
    self.elapsedSeconds = elapsedSeconds
  }

  /// `searching 64 microbatches: 1200/14025 candidates, 37 ILP solves, 410 reused`: the line
  /// the CLI's progress line and the explorer's progress boxes show.
  public var description: String {
    var text = phase
    if candidatesTotal > 0 { text += ": \(candidatesPriced)/\(candidatesTotal) candidates" }
    return text + ", \(ilpSolves) ILP solves, \(cacheHits) reused"
  }
}
