import ShardlinePlan

/// A run of a plan's training steps on this machine's CPU: what it measured so far, next to the
/// plan's estimates (which are for the plan's cluster, not for this machine).
public struct RunStatus: Sendable, Hashable {
  /// How a run stands.
  public enum Phase: Sendable, Hashable {
    /// Steps are still running.
    case running
    /// Every step ran.
    case finished
    /// Esc stopped it between steps.
    case cancelled
    /// The plan could not run, or a step failed: why, in one line.
    case failed(String)
  }

  /// The steps a run takes unless changed with `[` and `]`.
  public static let defaultSteps = 20
  /// The most steps a run may take.
  public static let maximumSteps = 1000

  /// Distinguishes runs, so a cancelled run's late results are ignored.
  public var id: Int
  /// The plan run, as its tab says.
  public var title: String
  /// The steps it takes.
  public var steps: Int
  /// The CPU devices it runs on (one per device of the plan).
  public var deviceCount: Int
  /// The cluster the plan and its estimates are for.
  public var cluster: String
  /// The plan's estimated iteration time on its cluster.
  public var estimatedStepSeconds: Double?
  /// The plan's estimated computing time of each stage on its cluster.
  public var estimatedStageSeconds: [Double]
  /// The loss of each step run so far.
  public var losses: [Float] = []
  /// The wall time of each step run so far.
  public var stepSeconds: [Double] = []
  /// Each stage's computing time in the last step.
  public var stageSeconds: [Double] = []
  /// What is run instead of the plan when its step would not fit in this machine's memory
  /// (`rehearsal at 1/16 size …`), or `nil` for the plan itself.
  public var rehearsal: String?
  /// The last step's measured timeline, as the plan's estimate gives the planned one.
  public var timeline: PipelineTimeline?
  /// Where it stands.
  public var phase = Phase.running

  /// A run just started.
  public init(
    id: Int, title: String, steps: Int, deviceCount: Int, cluster: String,
    estimatedStepSeconds: Double?, estimatedStageSeconds: [Double]
  ) {
    self.id = id
    self.title = title
    self.steps = steps
    self.deviceCount = deviceCount
    self.cluster = cluster
    self.estimatedStepSeconds = estimatedStepSeconds
    self.estimatedStageSeconds = estimatedStageSeconds
  }

  /// The run itself once it has measured a step's timeline, else `nil`.
  var measuredRun: RunStatus? { timeline == nil ? nil : self }

  /// Whether steps are still running.
  public var isRunning: Bool { phase == .running }

  /// The steps run so far.
  public var stepsDone: Int { losses.count }
}
