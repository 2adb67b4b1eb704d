import ShardlineHardware

/// The input of the stage-construction DP (Alpa §5.2): how many layers, which submeshes, how many
/// microbatches, how much memory, and the cost of every (layer range, submesh) pair.
///
/// The problem holds no IR: `cost` is a closure the caller fills from its intra-operator results.
/// ``StageDP/solve(_:)`` calls it once per pair, so it may be expensive, but it must be pure.
public struct StageDPProblem: Sendable {
  /// Number of layers (L); stages cover layers `0..<layerCount` contiguously, in order.
  public var layerCount: Int
  /// The cluster (N hosts × M devices); the stages' submeshes must use all of its devices.
  public var mesh: PhysicalMesh
  /// The submesh shapes a stage may use; `cost` is indexed by position in this list.
  public var submeshes: [SubmeshShape]
  /// Microbatches per iteration (B), at least 1.
  public var microbatches: Int
  /// Memory of one device in bytes.
  public var deviceMemoryBytes: Double
  /// Allowed numbers of stages; `nil` allows any. Baselines use it to force, say, exactly one stage.
  public var stageCounts: ClosedRange<Int>?
  /// The cost of running layers `layers` as one stage on `submeshes[submesh]`, or `nil` when that
  /// pair is pruned or not allowed.
  public var cost: @Sendable (_ layers: ClosedRange<Int>, _ submesh: Int) -> StageCandidate?

  /// Creates a problem.
  ///
  /// - Parameters:
  ///   - layerCount: Number of layers (L), at least 1.
  ///   - mesh: The cluster.
  ///   - submeshes: Allowed submesh shapes; `nil` means `mesh.submeshShapes`.
  ///   - microbatches: Microbatches per iteration (B), at least 1.
  ///   - deviceMemoryBytes: Memory of one device in bytes; infinite by default.
  ///   - stageCounts: Allowed numbers of stages; `nil` allows any.
  ///   - cost: Cost of a (layer range, submesh index) pair, `nil` when not allowed.
  public init(
    layerCount: Int,
    mesh: PhysicalMesh,
    submeshes: [SubmeshShape]? = nil,
    microbatches: Int,
    deviceMemoryBytes: Double = .infinity,
    stageCounts: ClosedRange<Int>? = nil,
    cost: @escaping @Sendable (_ layers: ClosedRange<Int>, _ submesh: Int) -> StageCandidate?
  ) {
    precondition(layerCount >= 1, "a pipeline needs at least one layer")
    precondition(microbatches >= 1, "an iteration needs at least one microbatch")
    self.layerCount = layerCount
    self.mesh = mesh
    self.submeshes = submeshes ?? mesh.submeshShapes
    self.microbatches = microbatches
    self.deviceMemoryBytes = deviceMemoryBytes
    self.stageCounts = stageCounts
    self.cost = cost
  }

  /// Microbatches whose activations a stage holds under 1F1B when `stagesRemaining` stages,
  /// itself included, run from it to the end of the pipeline: `min(stagesRemaining, B)`.
  public func microbatchesInFlight(stagesRemaining: Int) -> Int {
    min(stagesRemaining, microbatches)
  }

  /// Whether `candidate` fits in device memory as a stage with `stagesRemaining` stages, itself
  /// included, from it to the end of the pipeline.
  public func fits(_ candidate: StageCandidate, stagesRemaining: Int) -> Bool {
    let inFlight = microbatchesInFlight(stagesRemaining: stagesRemaining)
    return candidate.peakBytes(microbatchesInFlight: inFlight) <= deviceMemoryBytes
  }

  /// The objective of Alpa §5.2 for stages with per-microbatch latencies `latencies`, in stage
  /// order: `Σ t_i + (B − 1) · max t_i` seconds.
  public func iterationSeconds(latencies: [Double]) -> Double {
    guard let slowest = latencies.max() else { return 0 }
    return latencies.reduce(0, +) + Double(microbatches - 1) * slowest
  }
}
