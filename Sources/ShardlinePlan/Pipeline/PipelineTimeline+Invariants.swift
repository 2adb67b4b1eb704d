/// Consistency checks of a ``PipelineTimeline``, for debug builds.
extension PipelineTimeline {
  /// Traps if the timeline is inconsistent; does nothing in release builds.
  ///
  /// Checks that the per-stage and per-group arrays have the right lengths, that tasks are in
  /// ``PipelineTask/timelineOrder(_:_:)`` with ends not before starts, that no device group runs
  /// two compute tasks of nonzero length at once, that ``iterationSeconds`` is the last end, and that
  /// ``bubbleFraction`` lies in [0, 1]. Dependencies between tasks are the tests' business.
  ///
  /// - Complexity: O(number of tasks).
  public func checkInvariants() {
    #if DEBUG
      precondition(virtualStages >= 1 && stageCount % virtualStages == 0, "bad shape: \(self)")
      precondition(busySeconds.count == deviceGroupCount, "busySeconds per device group")
      precondition(peakInFlightMicrobatches.count == stageCount, "peaks per stage")
      precondition(peakInFlightPerDeviceGroup.count == deviceGroupCount, "peaks per group")
      precondition((0...1).contains(bubbleFraction), "bubble \(bubbleFraction) outside [0, 1]")
      var computeFree = [Double](repeating: 0, count: deviceGroupCount)
      var lastEnd = 0.0
      for (index, task) in tasks.enumerated() {
        precondition(task.endSeconds >= task.startSeconds, "\(task) ends before it starts")
        precondition(
          index == 0 || PipelineTask.timelineOrder(tasks[index - 1], task),
          "\(task) is out of order")
        // Zero-length tasks are skipped: one may sort after a task that starts at its instant.
        if task.kind.isCompute && task.endSeconds > task.startSeconds {
          precondition(
            task.startSeconds >= computeFree[task.deviceGroup],
            "\(task) overlaps other compute on device group \(task.deviceGroup)")
          computeFree[task.deviceGroup] = task.endSeconds
        }
        lastEnd = max(lastEnd, task.endSeconds)
      }
      precondition(iterationSeconds == lastEnd, "iteration \(iterationSeconds) ≠ last end")
    #endif
  }
}
