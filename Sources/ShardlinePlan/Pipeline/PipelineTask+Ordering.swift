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

  /// `tasks` of an iteration of `microbatches` microbatches sorted by ``timelineOrder(_:_:)``.
  ///
  /// Sorts small (start, rank) keys rather than the tasks themselves: the rank packs stage, kind
  /// and microbatch into one integer ordered like ``timelineOrder(_:_:)``'s tie-breaks, which
  /// halves the time of sorting a few hundred thousand tasks.
  static func sortedForTimeline(_ tasks: [PipelineTask], microbatches: Int) -> [PipelineTask] {
    let kinds = PipelineTaskKind.allCases.count
    var keys: [(start: Double, rank: Int, index: Int)] = []
    keys.reserveCapacity(tasks.count)
    for (index, task) in tasks.enumerated() {
      let rank =
        (task.stage * kinds + task.kind.timelineRank) * (microbatches + 1)
        + (task.microbatch ?? -1) + 1
      keys.append((task.startSeconds, rank, index))
    }
    keys.sort { ($0.start, $0.rank) < ($1.start, $1.rank) }
    return keys.map { tasks[$0.index] }
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
