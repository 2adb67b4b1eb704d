import Foundation

/// Exports a ``PipelineTimeline`` in the Chrome trace event format, which Perfetto
/// (ui.perfetto.dev) and `chrome://tracing` open.
///
/// Each device group is a process (pid = device group, which is the stage unless interleaved)
/// named by a `process_name` metadata event. Its compute runs on thread 0 (`compute`), the
/// activations it sends on thread 1 (`link: activations`) and the gradients it sends on thread 2
/// (`link: gradients`): the two directions use different links and may overlap, and a Perfetto
/// thread shows only nested slices. Every task is a complete event (`"ph":"X"`) named by
/// ``PipelineTask/label`` (`F3`, `B3`, `update`, `send F3`, `send B3`), with `ts` and `dur` in
/// microseconds (rounded to the nanosecond) and its microbatch, kind, stage and chunk in `args`.
///
/// See "Trace Event Format" (Google, 2016) for the format.
public enum ChromeTrace {
  /// The trace of `timeline` as JSON: `{"displayTimeUnit":"ms","traceEvents":[...]}`, one event
  /// per line.
  ///
  /// Keys are sorted and events follow the metadata then the timeline's task order, so the same
  /// timeline always gives the same bytes.
  ///
  /// - Parameters:
  ///   - timeline: The simulated iteration.
  ///   - stageNames: Process names, indexed by device group (by stage unless interleaved); a group
  ///     without one is called `stage g` (`device group g` when interleaved).
  /// - Returns: UTF-8 JSON.
  /// - Complexity: O(number of tasks).
  public static func json(_ timeline: PipelineTimeline, stageNames: [String]) -> Data {
    var events: [Event] = []
    events.reserveCapacity(timeline.tasks.count + 5 * timeline.deviceGroupCount)
    for group in 0..<timeline.deviceGroupCount {
      let fallback = timeline.virtualStages == 1 ? "stage \(group)" : "device group \(group)"
      let name = group < stageNames.count ? stageNames[group] : fallback
      events.append(.metadata("process_name", pid: group, tid: 0, args: Args(name: name)))
      events.append(
        .metadata("process_sort_index", pid: group, tid: 0, args: Args(sortIndex: group)))
      for (tid, thread) in threadNames.enumerated() {
        events.append(.metadata("thread_name", pid: group, tid: tid, args: Args(name: thread)))
      }
    }
    for task in timeline.tasks {
      events.append(
        Event(
          name: task.label, ph: "X", pid: task.deviceGroup, tid: thread(of: task.kind),
          startSeconds: task.startSeconds, endSeconds: task.endSeconds,
          cat: task.kind.isCompute ? "compute" : "transfer",
          args: Args(
            microbatch: task.microbatch, kind: task.kind.rawValue, stage: task.stage,
            chunk: task.chunk)))
    }
    var writer = JSONWriter()
    writer.reserve(160 * events.count)
    writer.raw("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n")
    for (index, event) in events.enumerated() {
      event.write(into: &writer)
      writer.raw(index == events.count - 1 ? "\n" : ",\n")
    }
    writer.raw("]}\n")
    return Data(writer.bytes)
  }

  /// Thread names by tid.
  private static let threadNames = ["compute", "link: activations", "link: gradients"]

  /// The tid a task runs on.
  private static func thread(of kind: PipelineTaskKind) -> Int {
    switch kind {
    case .forward, .backward, .update: 0
    case .sendForward: 1
    case .sendBackward: 2
    }
  }
}
