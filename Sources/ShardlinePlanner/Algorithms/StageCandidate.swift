/// Cost of one stage candidate: a range of layers on one submesh, with the best logical view of that
/// submesh already chosen by the caller (Alpa §5.2).
///
/// The stage DP (``StageDP``) only reads these numbers; how they are obtained (the intra-operator
/// pass, a profile database, a formula) is the caller's business.
public struct StageCandidate: Sendable, Hashable, Codable {
  /// Per-microbatch latency in seconds that the DP adds up: forward plus backward, plus whatever
  /// share of the once-per-iteration work (gradient all-reduce, optimizer update) the caller
  /// amortizes over the microbatches.
  public var latencySeconds: Double
  /// Per-device bytes that do not depend on the number of microbatches in flight: parameters,
  /// gradients, optimizer state and the working peak of one microbatch.
  public var fixedBytes: Double
  /// Per-device bytes of activations kept for each microbatch in flight.
  public var activationBytes: Double

  /// Creates a candidate cost.
  ///
  /// - Parameters:
  ///   - latencySeconds: Per-microbatch latency in seconds; finite and not negative.
  ///   - fixedBytes: Per-device bytes independent of the microbatches in flight.
  ///   - activationBytes: Per-device bytes per microbatch in flight.
  public init(latencySeconds: Double, fixedBytes: Double = 0, activationBytes: Double = 0) {
    self.latencySeconds = latencySeconds
    self.fixedBytes = fixedBytes
    self.activationBytes = activationBytes
  }

  /// Per-device bytes with `microbatches` microbatches of activations in flight:
  /// `fixedBytes + microbatches · activationBytes`.
  public func peakBytes(microbatchesInFlight microbatches: Int) -> Double {
    fixedBytes + Double(microbatches) * activationBytes
  }
}
