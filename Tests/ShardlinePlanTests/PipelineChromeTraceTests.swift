import Foundation
import ShardlinePlan
import Testing

@Suite("ChromeTrace")
struct PipelineChromeTraceTests {
  /// The trace's events, parsed back with Foundation.
  private func events(_ data: Data) throws -> [[String: Any]] {
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(root["displayTimeUnit"] as? String == "ms")
    return try #require(root["traceEvents"] as? [[String: Any]])
  }

  @Test("a trace parses back with one complete event per task and named processes")
  func parses() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.unequalWithTransfers, microbatches: 4, schedule: .oneFOneB)
    let events = try events(
      ChromeTrace.json(timeline, stageNames: ["embed", "blocks", "head"]))
    let complete = events.filter { $0["ph"] as? String == "X" }
    #expect(complete.count == timeline.tasks.count)
    #expect(complete.map { $0["name"] as? String } == timeline.tasks.map(\.label))
    let processNames = events.filter { $0["name"] as? String == "process_name" }
      .map { ($0["args"] as? [String: Any])?["name"] as? String }
    #expect(processNames == ["embed", "blocks", "head"])
    let threadNames = events.filter { $0["name"] as? String == "thread_name" }
    #expect(threadNames.count == 3 * 3)

    // Compute on thread 0, activation sends on 1, gradient sends on 2; times in microseconds.
    for (event, task) in zip(complete, timeline.tasks) {
      let args = try #require(event["args"] as? [String: Any])
      #expect(event["pid"] as? Int == task.deviceGroup)
      #expect(event["tid"] as? Int == [.sendForward: 1, .sendBackward: 2][task.kind, default: 0])
      let start = try #require(event["ts"] as? Double)
      let duration = try #require(event["dur"] as? Double)
      #expect(abs(start - task.startSeconds * 1e6) <= 5e-4)
      #expect(abs(duration - task.durationSeconds * 1e6) <= 1e-3)
      #expect(args["kind"] as? String == task.kind.rawValue)
      #expect(args["microbatch"] as? Int == task.microbatch)
      #expect(args["stage"] as? Int == task.stage)
    }
    #expect(complete.filter { $0["name"] as? String == "send F2" }.count == 2)
    #expect(complete.filter { $0["name"] as? String == "update" }.count == 3)
  }

  @Test(
    "the same timeline gives the same bytes: keys sorted, one event per line, exact microseconds")
  func golden() throws {
    let stages = [
      StageTiming(forwardSeconds: 1e-3, backwardSeconds: 2e-3, sendForwardSeconds: 5e-4),
      StageTiming(forwardSeconds: 1e-3, backwardSeconds: 2e-3, updateSeconds: 2.5e-4),
    ]
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: 1, schedule: .gpipe)
    let data = ChromeTrace.json(timeline, stageNames: ["first \"stage\""])
    #expect(data == ChromeTrace.json(timeline, stageNames: ["first \"stage\""]))
    let text = try #require(String(data: data, encoding: .utf8))
    #expect(
      text.split(separator: "\n").map(String.init) == [
        #"{"displayTimeUnit":"ms","traceEvents":["#,
        #"{"args":{"name":"first \"stage\""},"name":"process_name","ph":"M","pid":0,"tid":0},"#,
        #"{"args":{"sort_index":0},"name":"process_sort_index","ph":"M","pid":0,"tid":0},"#,
        #"{"args":{"name":"compute"},"name":"thread_name","ph":"M","pid":0,"tid":0},"#,
        #"{"args":{"name":"link: activations"},"name":"thread_name","ph":"M","pid":0,"tid":1},"#,
        #"{"args":{"name":"link: gradients"},"name":"thread_name","ph":"M","pid":0,"tid":2},"#,
        #"{"args":{"name":"stage 1"},"name":"process_name","ph":"M","pid":1,"tid":0},"#,
        #"{"args":{"sort_index":1},"name":"process_sort_index","ph":"M","pid":1,"tid":0},"#,
        #"{"args":{"name":"compute"},"name":"thread_name","ph":"M","pid":1,"tid":0},"#,
        #"{"args":{"name":"link: activations"},"name":"thread_name","ph":"M","pid":1,"tid":1},"#,
        #"{"args":{"name":"link: gradients"},"name":"thread_name","ph":"M","pid":1,"tid":2},"#,
        #"{"args":{"chunk":0,"kind":"forward","microbatch":0,"stage":0},"cat":"compute","dur":1000,"name":"F0","ph":"X","pid":0,"tid":0,"ts":0},"#,
        #"{"args":{"chunk":0,"kind":"send-forward","microbatch":0,"stage":0},"cat":"transfer","dur":500,"name":"send F0","ph":"X","pid":0,"tid":1,"ts":1000},"#,
        #"{"args":{"chunk":0,"kind":"forward","microbatch":0,"stage":1},"cat":"compute","dur":1000,"name":"F0","ph":"X","pid":1,"tid":0,"ts":1500},"#,
        #"{"args":{"chunk":0,"kind":"backward","microbatch":0,"stage":1},"cat":"compute","dur":2000,"name":"B0","ph":"X","pid":1,"tid":0,"ts":2500},"#,
        #"{"args":{"chunk":0,"kind":"backward","microbatch":0,"stage":0},"cat":"compute","dur":2000,"name":"B0","ph":"X","pid":0,"tid":0,"ts":4500},"#,
        #"{"args":{"chunk":0,"kind":"update","stage":1},"cat":"compute","dur":250,"name":"update","ph":"X","pid":1,"tid":0,"ts":4500},"#,
        #"{"args":{"chunk":0,"kind":"update","stage":0},"cat":"compute","dur":0,"name":"update","ph":"X","pid":0,"tid":0,"ts":6500}"#,
        "]}",
      ])
  }

  @Test("interleaved traces have one process per device group, named by default")
  func interleaved() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(4), microbatches: 2, schedule: .interleavedOneFOneB,
      virtualStages: 2)
    let events = try events(ChromeTrace.json(timeline, stageNames: []))
    let processNames = events.filter { $0["name"] as? String == "process_name" }
      .map { ($0["args"] as? [String: Any])?["name"] as? String }
    #expect(processNames == ["device group 0", "device group 1"])
    let pids = Set(events.compactMap { $0["pid"] as? Int })
    #expect(pids == [0, 1])
    let chunks = events.filter { $0["ph"] as? String == "X" }
      .compactMap { ($0["args"] as? [String: Any])?["chunk"] as? Int }
    #expect(chunks.filter { $0 == 1 }.count == 2 * 2 * 2 + 2)
  }

  @Test("fractions of a microsecond print exactly, to the nanosecond")
  func fractions() throws {
    // F0 runs 1.25 µs, B0 7 ns.
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(1, forward: 1.25e-6, backward: 7e-9),
      microbatches: 1, schedule: .gpipe)
    let text = try #require(
      String(data: ChromeTrace.json(timeline, stageNames: []), encoding: .utf8))
    #expect(text.contains(#""dur":1.25,"name":"F0","ph":"X","pid":0,"tid":0,"ts":0}"#))
    #expect(text.contains(#""dur":0.007,"name":"B0","ph":"X","pid":0,"tid":0,"ts":1.25}"#))
    #expect(text.contains(#""dur":0,"name":"update","ph":"X","pid":0,"tid":0,"ts":1.257}"#))
  }

  @Test("control characters in names are escaped")
  func escaping() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(1), microbatches: 1, schedule: .gpipe)
    let name = "tab\there, newline\n, bell\u{07}, backslash\\, ünïcode"
    let events = try events(ChromeTrace.json(timeline, stageNames: [name]))
    #expect((events.first?["args"] as? [String: Any])?["name"] as? String == name)
  }
}
