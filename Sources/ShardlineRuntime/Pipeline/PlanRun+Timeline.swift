import ShardlineHardware
import ShardlinePlan

extension PlanRun {
  /// The measured timeline of a run of ``programs``, in the form
  /// ``PipelineSimulator`` gives the planned one, so that ``ChromeTrace`` and timeline views
  /// show measurements as they show estimates.
  ///
  /// A stage's task spans from the first of the stage's devices starting its instructions to the
  /// last one ending them, but starts no earlier than the stage's previous task ended, so that a
  /// stage's tasks never overlap. A task with no instructions on any device is an instant at the
  /// end of the instructions before it. ``PipelineTimeline/iterationSeconds`` is when the last
  /// instruction of any device ended; busy time and bubble are computed as the simulator
  /// computes them, and the peak in-flight microbatches follow each stage's order.
  ///
  /// - Parameter report: The report of a run of ``programs``, with every instruction's times.
  /// - Returns: Every compute task of every stage, sorted as the simulator sorts them, with
  ///   times in seconds from the start of the run.
  /// - Complexity: O(instructions + tasks log tasks).
  public func measuredTimeline(_ report: ExecutionReport) -> PipelineTimeline {
    var tasks: [PipelineTask] = []
    var busy = [Double](repeating: 0, count: plan.stages.count)
    var peak = [Int](repeating: 0, count: plan.stages.count)
    let iteration = report.instructionSeconds.values.compactMap(\.last?.upperBound).max() ?? 0
    for (stage, planStage) in plan.stages.enumerated() {
      let devices = planStage.devices
      guard let order = devices.first.flatMap({ taskInstructions[$0] }) else { continue }
      var previousEnd = 0.0
      var inFlight = 0
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
        busy[stage] += end - start
        tasks.append(
          PipelineTask(
            stage: stage, deviceGroup: stage, chunk: 0,
            microbatch: entry.step.kind == .update ? nil : entry.step.microbatch,
            kind: entry.step.kind, startSeconds: start, endSeconds: end))
        switch entry.step.kind {
        case .forward:
          inFlight += 1
          peak[stage] = max(peak[stage], inFlight)
        case .backward: inFlight -= 1
        case .update, .sendForward, .sendBackward: break
        }
      }
    }
    let kinds = PipelineTaskKind.allCases
    tasks.sort { a, b in
      (a.startSeconds, a.stage, kinds.firstIndex(of: a.kind)!, a.microbatch ?? -1)
        < (b.startSeconds, b.stage, kinds.firstIndex(of: b.kind)!, b.microbatch ?? -1)
    }
    let capacity = Double(plan.stages.count) * iteration
    return PipelineTimeline(
      schedule: plan.schedule, stageCount: plan.stages.count, virtualStages: 1,
      microbatches: plan.microbatches, tasks: tasks, iterationSeconds: iteration,
      busySeconds: busy,
      bubbleFraction: capacity > 0 ? max(0, 1 - busy.reduce(0, +) / capacity) : 0,
      peakInFlightMicrobatches: peak, peakInFlightPerDeviceGroup: peak)
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
