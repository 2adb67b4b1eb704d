/// The order in which each pipeline stage runs the forward and backward passes of an iteration's
/// microbatches.
///
/// All three are synchronous: every microbatch of an iteration finishes its backward before any
/// stage updates its weights, so they compute the same gradients and differ only in time and in
/// activation memory. ``PipelineSimulator`` spells out each order.
public enum PipelineSchedule: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
  /// GPipe (Huang et al., "GPipe: Efficient Training of Giant Neural Networks using Pipeline
  /// Parallelism", NeurIPS 2019, §2.2): each stage runs the forwards of all B microbatches, then
  /// their backwards in reverse order.
  ///
  /// Every stage holds the activations of all B microbatches at its peak; the bubble is
  /// (S − 1)/(B + S − 1) of the iteration for S equal stages.
  case gpipe = "gpipe"
  /// One-forward-one-backward, PipeDream-Flush (Narayanan et al., "Memory-Efficient
  /// Pipeline-Parallel DNN Training", ICML 2021, §3.1): stage s of S runs min(S − s − 1, B)
  /// warm-up forwards, then alternates one forward and one backward, then drains the remaining
  /// backwards.
  ///
  /// The bubble is GPipe's, but stage s holds at most min(S − s, B) microbatches' activations.
  case oneFOneB = "1f1b"
  /// Interleaved 1F1B (Narayanan et al., "Efficient Large-Scale Language Model Training on GPU
  /// Clusters Using Megatron-LM", SC 2021, §2.2.2): each device group hosts v model chunks
  /// (virtual stages) and runs 1F1B over them, which divides the bubble by v at the cost of v
  /// times as many transfers.
  case interleavedOneFOneB = "interleaved-1f1b"

  /// The raw value: `gpipe`, `1f1b` or `interleaved-1f1b`.
  public var description: String { rawValue }
}
