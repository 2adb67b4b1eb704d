import ShardlinePlan

/// Builders and an independent checker shared by the pipeline simulator tests.
enum PipelineFixtures {
  /// `count` identical stages with no transfers and no update; times are exact binary fractions so
  /// that closed forms compare with `==`.
  static func equalStages(_ count: Int, forward: Double = 1, backward: Double = 2) -> [StageTiming]
  {
    Array(repeating: StageTiming(forwardSeconds: forward, backwardSeconds: backward), count: count)
  }

  /// Three unequal stages with updates and transfers in both directions.
  static let unequalWithTransfers = [
    StageTiming(
      forwardSeconds: 1, backwardSeconds: 2, updateSeconds: 0.5, sendForwardSeconds: 0.25),
    StageTiming(
      forwardSeconds: 2, backwardSeconds: 3, updateSeconds: 1, sendForwardSeconds: 1.5,
      sendBackwardSeconds: 0.5),
    StageTiming(
      forwardSeconds: 0.5, backwardSeconds: 1, updateSeconds: 0.25, sendBackwardSeconds: 2),
  ]

  /// The tasks of a timeline by kind, stage and microbatch.
  struct TaskIndex {
    private var tasks: [Key: PipelineTask] = [:]

    private struct Key: Hashable {
      var kind: PipelineTaskKind
      var stage: Int
      var microbatch: Int?
    }

    /// Indexes `timeline`'s tasks; a duplicate is a test failure reported by `duplicates`.
    init(_ timeline: PipelineTimeline) {
      for task in timeline.tasks {
        let key = Key(kind: task.kind, stage: task.stage, microbatch: task.microbatch)
        if tasks.updateValue(task, forKey: key) != nil { duplicates.append(task) }
      }
    }

    /// Tasks that appeared more than once.
    private(set) var duplicates: [PipelineTask] = []

    /// The task of `kind` for `microbatch` (nil for an update) on `stage`.
    subscript(_ kind: PipelineTaskKind, stage stage: Int, microbatch microbatch: Int?)
      -> PipelineTask?
    {
      tasks[Key(kind: kind, stage: stage, microbatch: microbatch)]
    }
  }

  /// Every way `timeline` breaks the simulator's rules for `stages`, checked from the tasks alone:
  /// task counts and durations, inputs before use, one compute at a time per device group, one
  /// transfer at a time per link direction, and the update after the last backward.
  static func violations(of timeline: PipelineTimeline, stages: [StageTiming]) -> [String] {
    var found: [String] = []
    let index = TaskIndex(timeline)
    found += index.duplicates.map { "duplicate \($0)" }
    let stageCount = stages.count
    for stage in 0..<stageCount {
      let timing = stages[stage]
      var lastBackwardEnd = 0.0
      for microbatch in 0..<timeline.microbatches {
        guard let forward = index[.forward, stage: stage, microbatch: microbatch],
          let backward = index[.backward, stage: stage, microbatch: microbatch]
        else {
          found.append("stage \(stage) lacks forward or backward of \(microbatch)")
          continue
        }
        lastBackwardEnd = max(lastBackwardEnd, backward.endSeconds)
        if forward.durationSeconds != timing.forwardSeconds { found.append("length of \(forward)") }
        if backward.durationSeconds != timing.backwardSeconds {
          found.append("length of \(backward)")
        }
        if backward.startSeconds < forward.endSeconds {
          found.append("\(backward) before \(forward)")
        }
        if stage > 0 {
          let previous = index[.forward, stage: stage - 1, microbatch: microbatch]!
          let send = index[.sendForward, stage: stage - 1, microbatch: microbatch]
          let input = send ?? previous
          if forward.startSeconds < input.endSeconds { found.append("\(forward) before \(input)") }
          if let send, send.startSeconds < previous.endSeconds {
            found.append("\(send) before \(previous)")
          }
          if (send == nil) != (stages[stage - 1].sendForwardSeconds == 0) {
            found.append("send of forward \(microbatch) from stage \(stage - 1)")
          }
        }
        if stage < stageCount - 1 {
          let next = index[.backward, stage: stage + 1, microbatch: microbatch]!
          let send = index[.sendBackward, stage: stage + 1, microbatch: microbatch]
          let gradient = send ?? next
          if backward.startSeconds < gradient.endSeconds {
            found.append("\(backward) before \(gradient)")
          }
          if let send, send.startSeconds < next.endSeconds {
            found.append("\(send) before \(next)")
          }
          if (send == nil) != (stages[stage + 1].sendBackwardSeconds == 0) {
            found.append("send of backward \(microbatch) from stage \(stage + 1)")
          }
        }
      }
      if let update = index[.update, stage: stage, microbatch: nil] {
        if update.startSeconds < lastBackwardEnd { found.append("\(update) before a backward") }
        if update.durationSeconds != timing.updateSeconds { found.append("length of \(update)") }
      } else {
        found.append("stage \(stage) has no update")
      }
    }
    found += overlaps(in: timeline)
    let expectedCount =
      (2 * timeline.microbatches + 1) * stageCount
      + timeline.microbatches
      * (stages.dropLast().filter { $0.sendForwardSeconds > 0 }.count
        + stages.dropFirst().filter { $0.sendBackwardSeconds > 0 }.count)
    if timeline.tasks.count != expectedCount {
      found.append("\(timeline.tasks.count) tasks, expected \(expectedCount)")
    }
    if timeline.iterationSeconds != timeline.tasks.map(\.endSeconds).max() {
      found.append("iteration \(timeline.iterationSeconds) is not the last end")
    }
    return found
  }

  /// Tasks that share a device group (compute) or a link direction (transfers) and overlap.
  private static func overlaps(in timeline: PipelineTimeline) -> [String] {
    var found: [String] = []
    var byResource: [String: [PipelineTask]] = [:]
    for task in timeline.tasks {
      let resource = task.kind.isCompute ? "compute" : task.kind.rawValue
      byResource["\(task.deviceGroup) \(resource)", default: []].append(task)
    }
    for tasks in byResource.values {
      let ordered = tasks.sorted {
        ($0.startSeconds, $0.endSeconds) < ($1.startSeconds, $1.endSeconds)
      }
      for (earlier, later) in zip(ordered, ordered.dropFirst())
      where later.startSeconds < earlier.endSeconds {
        found.append("\(later) overlaps \(earlier)")
      }
    }
    return found
  }

  /// The labels of device group `group`'s compute tasks in time order, such as `F0@2` for the
  /// forward of microbatch 0 on stage 2.
  static func computeOrder(of timeline: PipelineTimeline, deviceGroup group: Int) -> [String] {
    timeline.tasks.filter { $0.deviceGroup == group && $0.kind.isCompute }
      .map { "\($0.label)@\($0.stage)" }
  }
}
