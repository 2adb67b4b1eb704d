/// The order of tasks in a ``PipelineTimeline``.
extension PipelineTask {
  /// Whether `lhs` comes before `rhs` in a timeline: earlier start first, then lower stage, then
  /// kind in ``PipelineTaskKind`` declaration order, then lower microbatch (an update's `nil`
  /// first). Distinct tasks of one iteration never tie.
  public static func timelineOrder(_ lhs: PipelineTask, _ rhs: PipelineTask) -> Bool {
    if lhs.startSeconds != rhs.startSeconds { return lhs.startSeconds < rhs.startSeconds }
    if lhs.stage != rhs.stage { return lhs.stage < rhs.stage }
    if lhs.kind != rhs.kind { return lhs.kind.timelineRank < rhs.kind.timelineRank }
    return (lhs.microbatch ?? -1) < (rhs.microbatch ?? -1)
  }

}

extension PipelineTaskKind {
  /// The kind's position in declaration order.
  var timelineRank: Int {
    switch self {
    case .forward: 0
    case .backward: 1
    case .update: 2
    case .sendForward: 3
    case .sendBackward: 4
    }
  }
}
