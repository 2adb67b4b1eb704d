import ShardlineHardware
import ShardlinePlan

extension PlanRun {
  /// The measured timeline of a run of ``programs``, in the form
  /// ``PipelineSimulator`` gives the planned one, so that ``ChromeTrace`` and timeline views
  /// show measurements as they show estimates.
  ///
  /// A stage's task spans from the first of the stage's devices starting its instructions to the
  /// last one ending them, but starts no earlier than the previous task of its device group (the
  /// stage itself unless interleaved) ended, so that a group's tasks never overlap. A task with no instructions on any device is an instant at the
  /// end of the instructions before it. ``PipelineTimeline/iterationSeconds`` is when the last
  /// instruction of any device ended; busy time and bubble are computed as the simulator
  /// computes them, and the peak in-flight microbatches follow each stage's order.
  ///
  /// - Parameter report: The report of a run of ``programs``, with every instruction's times.
  /// - Returns: Every compute task of every stage, sorted as the simulator sorts them, with
  ///   times in seconds from the start of the run.
  /// - Complexity: O(instructions + tasks log tasks).
  public func measuredTimeline(_ report: ExecutionReport) -> PipelineTimeline {
    let stageCount = plan.stages.count
    let virtualStages = plan.virtualStages
    let groupCount = stageCount / virtualStages
    var tasks: [PipelineTask] = []
    var busy = [Double](repeating: 0, count: groupCount)
    var peak = [Int](repeating: 0, count: stageCount)
    var groupPeak = [Int](repeating: 0, count: groupCount)
    let iteration = report.instructionSeconds.values.compactMap(\.last?.upperBound).max() ?? 0
    for group in 0..<groupCount {
      let devices = plan.stages[group].devices
      guard let order = devices.first.flatMap({ taskInstructions[$0] }) else { continue }
      var previousEnd = 0.0
      var inFlight = [Int](repeating: 0, count: stageCount)
      var groupInFlight = 0
      for (position, entry) in order.enumerated() {
        var start = Double.infinity
        var end = 0.0
        for device in devices {
          guard let span = taskInstructions[device]?[position].instructions else { continue }
          let times = report.instructionSeconds[device] ?? []
          let (first, last) = Self.span(span, in: times)
          start = min(start, first)
          end = max(end, last)
        }
        start = max(start == .infinity ? previousEnd : start, previousEnd)
        end = max(end, start)
        previousEnd = end
        busy[group] += end - start
        let stage = entry.step.stage
        tasks.append(
          PipelineTask(
            stage: stage, deviceGroup: group, chunk: stage / groupCount,
            microbatch: entry.step.kind == .update ? nil : entry.step.microbatch,
            kind: entry.step.kind, startSeconds: start, endSeconds: end))
        switch entry.step.kind {
        case .forward:
          inFlight[stage] += 1
          groupInFlight += 1
          peak[stage] = max(peak[stage], inFlight[stage])
          groupPeak[group] = max(groupPeak[group], groupInFlight)
        case .backward:
          inFlight[stage] -= 1
          groupInFlight -= 1
        case .update, .sendForward, .sendBackward: break
        }
      }
    }
    let kinds = PipelineTaskKind.allCases
    tasks.sort { a, b in
      (a.startSeconds, a.stage, kinds.firstIndex(of: a.kind)!, a.microbatch ?? -1)
        < (b.startSeconds, b.stage, kinds.firstIndex(of: b.kind)!, b.microbatch ?? -1)
    }
    let capacity = Double(groupCount) * iteration
    return PipelineTimeline(
      schedule: plan.schedule, stageCount: stageCount, virtualStages: virtualStages,
      microbatches: plan.microbatches, tasks: tasks, iterationSeconds: iteration,
      busySeconds: busy,
      bubbleFraction: capacity > 0 ? max(0, 1 - busy.reduce(0, +) / capacity) : 0,
      peakInFlightMicrobatches: peak, peakInFlightPerDeviceGroup: groupPeak)
  }

  /// The most time any device of stage `stage` spent in the local instructions (not waiting on
  /// other devices) of the stage's tasks, in seconds.
  func stageBusySeconds(_ stage: Int, _ report: ExecutionReport) -> Double {
    plan.stages[stage].devices.map { device in
      let times = report.instructionSeconds[device] ?? []
      let program = programs.first { $0.device == device }?.instructions ?? []
      var seconds = 0.0
      for task in taskInstructions[device] ?? [] where task.step.stage == stage {
        for index in task.instructions
        where index < times.count && !program[index].communicates {
          seconds += times[index].upperBound - times[index].lowerBound
        }
      }
      return seconds
    }.max() ?? 0
  }

  /// When the instructions `range` started and ended; an empty range is the instant the
  /// instruction before it ended (0 at the start of the program).
  private static func span(_ range: Range<Int>, in times: [ClosedRange<Double>])
    -> (start: Double, end: Double)
  {
    guard !range.isEmpty, range.upperBound <= times.count else {
      let instant =
        range.lowerBound > 0 && range.lowerBound <= times.count
        ? times[range.lowerBound - 1].upperBound : 0
      return (instant, instant)
    }
    return (times[range.lowerBound].lowerBound, times[range.upperBound - 1].upperBound)
  }
}
