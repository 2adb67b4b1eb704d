/// One piece of simulated pipeline work: a forward, backward or update on a stage's device group,
/// or a transfer on the link leaving it, with its start and end in the iteration.
public struct PipelineTask: Sendable, Codable, Hashable, CustomStringConvertible {
  /// The (virtual) stage whose work this is; for a transfer, the sending stage.
  public var stage: Int
  /// The device group that runs the stage: `stage` itself, except under
  /// ``PipelineSchedule/interleavedOneFOneB``, where it is `stage % deviceGroupCount`.
  public var deviceGroup: Int
  /// Which of the device group's model chunks the stage is (`stage / deviceGroupCount`); 0 unless
  /// interleaved.
  public var chunk: Int
  /// The microbatch, numbered from 0; `nil` for an update.
  public var microbatch: Int?
  /// What the task does.
  public var kind: PipelineTaskKind
  /// When the task starts, in seconds from the start of the iteration.
  public var startSeconds: Double
  /// When the task ends, in seconds from the start of the iteration.
  public var endSeconds: Double

  /// Creates a task; times are in seconds from the start of the iteration.
  public init(
    stage: Int, deviceGroup: Int, chunk: Int, microbatch: Int?, kind: PipelineTaskKind,
    startSeconds: Double, endSeconds: Double
  ) {
    self.stage = stage
    self.deviceGroup = deviceGroup
    self.chunk = chunk
    self.microbatch = microbatch
    self.kind = kind
    self.startSeconds = startSeconds
    self.endSeconds = endSeconds
  }

  /// How long the task runs, in seconds.
  public var durationSeconds: Double { endSeconds - startSeconds }

  /// A short label: `F3`, `B3`, `update`, `send F3` or `send B3`.
  public var label: String {
    let index = microbatch.map(String.init) ?? ""
    switch kind {
    case .forward: return "F\(index)"
    case .backward: return "B\(index)"
    case .update: return "update"
    case .sendForward: return "send F\(index)"
    case .sendBackward: return "send B\(index)"
    }
  }

  /// `F3 on stage 2: 0.1–0.25 s`, times to the microsecond.
  public var description: String {
    "\(label) on stage \(stage): \(PipelineTimeline.seconds(startSeconds))–"
      + "\(PipelineTimeline.seconds(endSeconds)) s"
  }
}
