/// How a plan was found: by which method, with which options, at what cost.
public struct PlanSearch: Sendable, Codable, Hashable {
  /// `shardline`, or the baseline's name (`megatron`, `zero2`, …), or `edited`.
  public var method: String
  /// The options that shaped the search, as `name → value`.
  public var options: [String: String]
  /// The worst intra-op solver status among the plan's stages (`optimal`, …).
  public var solverStatus: String
  /// Wall time of the search, in seconds.
  public var compileSeconds: Double
  /// Stage candidates profiled, of those enumerated.
  public var candidatesProfiled: Int
  /// Stage candidates enumerated before pruning.
  public var candidatesTotal: Int
  /// Intra-op ILPs solved.
  public var ilpSolves: Int
  /// Intra-op results reused from identical layers or the on-disk cache.
  public var cacheHits: Int
  /// Anything the search wants a reader to know (a fallback taken, a limit hit).
  public var notes: [String]

  /// Creates a record.
  public init(
    method: String, options: [String: String] = [:], solverStatus: String = "",
    compileSeconds: Double = 0, candidatesProfiled: Int = 0, candidatesTotal: Int = 0,
    ilpSolves: Int = 0, cacheHits: Int = 0, notes: [String] = []
  ) {
    self.method = method
    self.options = options
    self.solverStatus = solverStatus
    self.compileSeconds = compileSeconds
    self.candidatesProfiled = candidatesProfiled
    self.candidatesTotal = candidatesTotal
    self.ilpSolves = ilpSolves
    self.cacheHits = cacheHits
    self.notes = notes
  }
}
