/// What ``PlanEvaluator`` estimates for a plan: per-stage times and memory, the pipeline, and
/// every reason the plan cannot run as written.
public struct PlanEstimate: Sendable, Codable, Hashable {
  /// One stage's share.
  public struct Stage: Sendable, Codable, Hashable {
    /// Forward time of one microbatch (compute and intra-op communication), in seconds.
    public var forwardSeconds: Double
    /// Backward time of one microbatch, in seconds.
    public var backwardSeconds: Double
    /// Optimizer update once per iteration, with the gradient synchronisation it implies and
    /// per-iteration transfers from other stages (tied weights), in seconds.
    public var updateSeconds: Double
    /// Of forward + backward + update: local computation, in seconds per iteration.
    public var computeSeconds: Double
    /// Of forward + backward + update: intra-op collectives and resharding, per iteration.
    public var communicationSeconds: Double
    /// Receiving this stage's inputs from other stages, per microbatch, in seconds.
    public var crossMeshSeconds: Double
    /// Bytes received from other stages per iteration.
    public var crossMeshBytes: Double
    /// Per-device bytes of parameters.
    public var parameterBytes: Double
    /// Per-device bytes of optimizer state.
    public var optimizerStateBytes: Double
    /// Per-device bytes of accumulated gradients.
    public var gradientBytes: Double
    /// Per-device bytes of activations one microbatch keeps for its backward.
    public var activationBytesPerMicrobatch: Double
    /// Microbatches whose activations are alive at once under the schedule.
    public var inFlightMicrobatches: Int
    /// Per-device peak bytes: the single-microbatch peak plus the extra in-flight activations.
    public var peakBytes: Double
    /// Per-device memory of the cluster's devices, in bytes.
    public var capacityBytes: Double
    /// Forward, backward and update FLOPs of the stage per iteration, on all its devices.
    public var flops: Double

    /// Creates a stage estimate.
    public init(
      forwardSeconds: Double, backwardSeconds: Double, updateSeconds: Double,
      computeSeconds: Double, communicationSeconds: Double, crossMeshSeconds: Double,
      crossMeshBytes: Double, parameterBytes: Double, optimizerStateBytes: Double,
      gradientBytes: Double, activationBytesPerMicrobatch: Double, inFlightMicrobatches: Int,
      peakBytes: Double, capacityBytes: Double, flops: Double
    ) {
      self.forwardSeconds = forwardSeconds
      self.backwardSeconds = backwardSeconds
      self.updateSeconds = updateSeconds
      self.computeSeconds = computeSeconds
      self.communicationSeconds = communicationSeconds
      self.crossMeshSeconds = crossMeshSeconds
      self.crossMeshBytes = crossMeshBytes
      self.parameterBytes = parameterBytes
      self.optimizerStateBytes = optimizerStateBytes
      self.gradientBytes = gradientBytes
      self.activationBytesPerMicrobatch = activationBytesPerMicrobatch
      self.inFlightMicrobatches = inFlightMicrobatches
      self.peakBytes = peakBytes
      self.capacityBytes = capacityBytes
      self.flops = flops
    }

    /// Memory left on each device (negative when over), in bytes.
    public var headroomBytes: Double { capacityBytes - peakBytes }
    /// Forward plus backward of one microbatch, in seconds.
    public var microbatchSeconds: Double { forwardSeconds + backwardSeconds }
  }

  /// Per stage, in pipeline order.
  public var stages: [Stage]
  /// Estimated time of one iteration: the simulated pipeline, updates included, in seconds.
  public var iterationSeconds: Double
  /// Fraction of stage-time the devices idle in the pipeline.
  public var bubbleFraction: Double
  /// Model FLOPs per second per device, in TFLOPS (the paper's metric).
  public var teraflopsPerDevice: Double
  /// Why the plan cannot run as written; empty for a valid plan.
  public var issues: [PlanIssue]

  /// Creates an estimate.
  public init(
    stages: [Stage], iterationSeconds: Double, bubbleFraction: Double,
    teraflopsPerDevice: Double, issues: [PlanIssue]
  ) {
    self.stages = stages
    self.iterationSeconds = iterationSeconds
    self.bubbleFraction = bubbleFraction
    self.teraflopsPerDevice = teraflopsPerDevice
    self.issues = issues
  }

  /// Whether the plan can run: it fits, its specs divide, no device is used twice.
  public var isValid: Bool { issues.isEmpty }
}

/// One reason a plan cannot run as written.
public struct PlanIssue: Sendable, Codable, Hashable, CustomStringConvertible {
  /// What kind of problem.
  public enum Kind: String, Sendable, Codable, Hashable {
    /// A stage needs more memory than its devices have.
    case memory
    /// An op's sharding is not one its shape and the mesh allow (or not a known strategy).
    case sharding
    /// Devices used by two stages, or outside the cluster, or not matching the submesh.
    case devices
    /// Stages that do not cover the layers in order, exactly once.
    case layers
    /// A schedule the stages cannot follow.
    case schedule
  }

  /// The kind.
  public var kind: Kind
  /// The stage at fault, if one.
  public var stage: Int?
  /// For memory: bytes over capacity per device.
  public var bytesOver: Double?
  /// One line saying what and where.
  public var message: String

  /// Creates an issue.
  public init(kind: Kind, stage: Int?, bytesOver: Double? = nil, message: String) {
    self.kind = kind
    self.stage = stage
    self.bytesOver = bytesOver
    self.message = message
  }

  /// `stage 2: …`.
  public var description: String { stage.map { "stage \($0): \(message)" } ?? message }
}
