/// One compute or transfer step in the fixed order of a device group or link, before the
/// simulator has timed it.
public struct PipelineStep: Sendable, Hashable {
  /// Forward, backward or update for a device group; a send for a link.
  public var kind: PipelineTaskKind
  /// The (virtual) stage whose work it is; the sender for a transfer.
  public var stage: Int
  /// The microbatch; ignored for an update.
  public var microbatch: Int

  /// The forward of `microbatch` on `stage`.
  public static func forward(_ stage: Int, _ microbatch: Int) -> PipelineStep {
    PipelineStep(kind: .forward, stage: stage, microbatch: microbatch)
  }

  /// The backward of `microbatch` on `stage`.
  public static func backward(_ stage: Int, _ microbatch: Int) -> PipelineStep {
    PipelineStep(kind: .backward, stage: stage, microbatch: microbatch)
  }

  /// The update of `stage`.
  public static func update(_ stage: Int) -> PipelineStep {
    PipelineStep(kind: .update, stage: stage, microbatch: 0)
  }
}
