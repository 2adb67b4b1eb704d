/// Times fixed per-device-group and per-link orders of pipeline steps: each step starts when its
/// device group or link is free and its inputs are ready, and ends its duration later.
///
/// Resources are the G device groups, then 2G link queues: queue 2g carries device group g's
/// activation sends and queue 2g + 1 its gradient sends, each one transfer at a time in the order
/// the group produced them. A transfer of zero seconds is no task at all: the receiver waits on the
/// sender's compute directly.
///
/// Whenever a step ends, the resources that may have been waiting on it are queued to be advanced
/// again, so every step is timed once and looked at O(1) times besides.
struct PipelineEngine {
  /// A device group's or link's place in its order and when it is next free.
  private struct Cursor {
    var position = 0
    var freeSeconds = 0.0
  }

  /// Marks an end time not yet known; real times are ≥ 0.
  private static let unknown = -1.0

  private let stages: [StageTiming]
  private let microbatches: Int
  private let deviceGroups: Int
  private let orders: [[PipelineStep]]
  private var cursors: [Cursor]
  /// End times indexed by `microbatch · S + stage`, so that a step's inputs on the neighbouring
  /// stages sit next to its own entry.
  private var forwardEnd: [Double]
  private var backwardEnd: [Double]
  private var sendForwardEnd: [Double]
  private var sendBackwardEnd: [Double]
  private var pending: [Int]
  /// The start and end of each timed step of each device group, then of each link queue, in
  /// seconds, parallel to `orders`.
  private var spans: [[(start: Double, end: Double)]]

  /// Prepares to time `computeOrders` (indexed by device group) for `stages` and `microbatches`.
  init(stages: [StageTiming], microbatches: Int, computeOrders: [[PipelineStep]]) {
    self.stages = stages
    self.microbatches = microbatches
    deviceGroups = computeOrders.count
    var links = [[PipelineStep]](repeating: [], count: 2 * computeOrders.count)
    for (group, order) in computeOrders.enumerated() {
      for step in order {
        if step.kind == .forward && step.stage < stages.count - 1
          && stages[step.stage].sendForwardSeconds > 0
        {
          links[2 * group].append(
            PipelineStep(kind: .sendForward, stage: step.stage, microbatch: step.microbatch))
        } else if step.kind == .backward && step.stage > 0
          && stages[step.stage].sendBackwardSeconds > 0
        {
          links[2 * group + 1].append(
            PipelineStep(kind: .sendBackward, stage: step.stage, microbatch: step.microbatch))
        }
      }
    }
    orders = computeOrders + links
    cursors = Array(repeating: Cursor(), count: orders.count)
    let count = stages.count * microbatches
    forwardEnd = Array(repeating: Self.unknown, count: count)
    backwardEnd = forwardEnd
    sendForwardEnd = forwardEnd
    sendBackwardEnd = forwardEnd
    pending = Array(orders.indices.reversed())
    spans = orders.map { order in
      var spans: [(start: Double, end: Double)] = []
      spans.reserveCapacity(order.count)
      return spans
    }
  }

  /// The timed tasks in ``PipelineTask/timelineOrder(_:_:)``.
  ///
  /// Sorts small keys rather than tasks: the start, then a rank packing stage, kind and microbatch
  /// into one integer that orders like the comparator's tie-breaks and decodes back into them.
  /// Each resource's steps are already in start order, so the sort mostly merges those runs.
  ///
  /// - Complexity: O(N log R) for N tasks on R resources, O(N log N) at worst.
  func sortedTasks() -> [PipelineTask] {
    let kinds = PipelineTaskKind.allCases.count
    let slots = microbatches + 1
    var keys: [(start: Double, rank: Int, end: Double)] = []
    keys.reserveCapacity(spans.reduce(0) { $0 + $1.count })
    for (resource, order) in orders.enumerated() {
      for (position, span) in spans[resource].enumerated() {
        let step = order[position]
        let microbatch = step.kind == .update ? -1 : step.microbatch
        let rank = (step.stage * kinds + step.kind.timelineRank) * slots + microbatch + 1
        keys.append((span.start, rank, span.end))
      }
    }
    keys.sort { ($0.start, $0.rank) < ($1.start, $1.rank) }
    let kindsByRank = PipelineTaskKind.allCases.sorted { $0.timelineRank < $1.timelineRank }
    return keys.map { key in
      let (stageAndKind, slot) = key.rank.quotientAndRemainder(dividingBy: slots)
      let (stage, kind) = stageAndKind.quotientAndRemainder(dividingBy: kinds)
      return PipelineTask(
        stage: stage, deviceGroup: group(stage), chunk: stage / deviceGroups,
        microbatch: slot == 0 ? nil : slot - 1, kind: kindsByRank[kind],
        startSeconds: key.start, endSeconds: key.end)
    }
  }

  /// Times every step.
  ///
  /// - Precondition: The orders do not deadlock: every step's inputs come earlier in some order.
  mutating func run() {
    while let resource = pending.popLast() { advance(resource) }
    for (resource, cursor) in cursors.enumerated() {
      precondition(
        cursor.position == orders[resource].count,
        "pipeline orders deadlock at \(orders[resource][cursor.position]): a schedule-order bug")
    }
  }

  /// Times the steps of `resource` until one whose inputs are not ready yet.
  private mutating func advance(_ resource: Int) {
    let order = orders[resource]
    var cursor = cursors[resource]
    while cursor.position < order.count {
      let step = order[cursor.position]
      guard let ready = readySeconds(step) else { break }
      let start = max(cursor.freeSeconds, ready)
      let end = start + duration(step)
      record(step, end: end)
      spans[resource].append((start, end))
      cursor.freeSeconds = end
      cursor.position += 1
    }
    cursors[resource] = cursor
  }

  /// The stage's device group.
  private func group(_ stage: Int) -> Int { stage % deviceGroups }

  private func index(_ step: PipelineStep) -> Int { step.microbatch * stages.count + step.stage }

  /// When the inputs of `step` are ready, or `nil` when one has not been timed yet.
  private func readySeconds(_ step: PipelineStep) -> Double? {
    let i = index(step)
    let ready: Double
    switch step.kind {
    case .forward:
      guard step.stage > 0 else { return 0 }
      let previous = i - 1
      ready =
        stages[step.stage - 1].sendForwardSeconds > 0
        ? sendForwardEnd[previous] : forwardEnd[previous]
    case .backward:
      guard step.stage < stages.count - 1 else { return nonNegative(forwardEnd[i]) }
      let next = i + 1
      let gradient =
        stages[step.stage + 1].sendBackwardSeconds > 0
        ? sendBackwardEnd[next] : backwardEnd[next]
      guard forwardEnd[i] >= 0, gradient >= 0 else { return nil }
      ready = max(forwardEnd[i], gradient)
    case .update:
      // Every backward of the device group comes earlier in its order.
      return 0
    case .sendForward: ready = forwardEnd[i]
    case .sendBackward: ready = backwardEnd[i]
    }
    return nonNegative(ready)
  }

  private func nonNegative(_ seconds: Double) -> Double? { seconds >= 0 ? seconds : nil }

  private func duration(_ step: PipelineStep) -> Double {
    let timing = stages[step.stage]
    switch step.kind {
    case .forward: return timing.forwardSeconds
    case .backward: return timing.backwardSeconds
    case .update: return timing.updateSeconds
    case .sendForward: return timing.sendForwardSeconds
    case .sendBackward: return timing.sendBackwardSeconds
    }
  }

  /// Stores the end of `step` and queues the resources that may wait on it.
  private mutating func record(_ step: PipelineStep, end: Double) {
    let i = index(step)
    let stage = step.stage
    let last = stages.count - 1
    switch step.kind {
    case .forward:
      forwardEnd[i] = end
      if stage < last {
        pending.append(
          stages[stage].sendForwardSeconds > 0 ? deviceGroups + 2 * group(stage) : group(stage + 1))
      }
    case .backward:
      backwardEnd[i] = end
      if stage > 0 {
        pending.append(
          stages[stage].sendBackwardSeconds > 0
            ? deviceGroups + 2 * group(stage) + 1 : group(stage - 1))
      }
    case .update: break
    case .sendForward:
      sendForwardEnd[i] = end
      pending.append(group(stage + 1))
    case .sendBackward:
      sendBackwardEnd[i] = end
      pending.append(group(stage - 1))
    }
  }
}
