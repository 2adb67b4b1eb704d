import Foundation
import ShardlineHardware
import ShardlinePlan

/// Turns a simulated pipeline into the timeline's text: what each column of a stage's row
/// shows, the time axis and the summary line. Pure, so the chart is tested without drawing.
public enum TimelinePresentation {
  /// What one column of a stage's row shows.
  public enum Glyph: Sendable, Hashable {
    /// The forward of a microbatch.
    case forward(microbatch: Int)
    /// The backward of a microbatch.
    case backward(microbatch: Int)
    /// The weight update.
    case update
    /// The stage's devices idle (a bubble).
    case idle

    /// The character drawn: a forward or backward shows its microbatch's last digit (the two
    /// differ in style), an update `U`, idle time `·`.
    public var character: Unicode.Scalar {
      switch self {
      case .forward(let microbatch), .backward(let microbatch):
        Unicode.Scalar(UInt8(ascii: "0") + UInt8(microbatch % 10))
      case .update: "U"
      case .idle: "·"
      }
    }
  }

  /// A mark on the time axis.
  public struct Tick: Sendable, Hashable {
    /// The column, counted from the chart's left edge.
    public var column: Int
    /// The time, such as `2.00 ms`.
    public var label: String
  }

  /// The part of the iteration the chart shows, in seconds from its start.
  public static func window(
    _ timeline: PipelineTimeline, viewport: TimelineViewport
  ) -> ClosedRange<Double> {
    let start = timeline.iterationSeconds * viewport.start
    return start...(start + timeline.iterationSeconds * viewport.visibleFraction)
  }

  /// The row of stage `stage`: `columns` equal slices of `window`, each showing whichever
  /// covers most of it, one of the stage's compute tasks or its idle time (a task wins a tie).
  ///
  /// - Complexity: O(tasks + columns).
  public static func row(
    _ timeline: PipelineTimeline, stage: Int, window: ClosedRange<Double>, columns: Int
  ) -> [Glyph] {
    guard columns > 0 else { return [] }
    let slice = (window.upperBound - window.lowerBound) / Double(columns)
    guard slice > 0 else { return Array(repeating: .idle, count: columns) }
    var best = Array(repeating: (seconds: 0.0, glyph: Glyph.idle), count: columns)
    var busy = Array(repeating: 0.0, count: columns)
    for task in timeline.tasks where task.stage == stage {
      guard let glyph = glyph(task) else { continue }
      let start = max(task.startSeconds, window.lowerBound)
      let end = min(task.endSeconds, window.upperBound)
      guard end > start else { continue }
      let first = min(Int((start - window.lowerBound) / slice), columns - 1)
      let last = min(Int((end - window.lowerBound) / slice), columns - 1)
      for column in first...last {
        let left = window.lowerBound + Double(column) * slice
        let covered = min(end, left + slice) - max(start, left)
        guard covered > 0 else { continue }
        busy[column] += covered
        if covered > best[column].seconds { best[column] = (covered, glyph) }
      }
    }
    return best.indices.map { column in
      best[column].seconds >= slice - busy[column] ? best[column].glyph : .idle
    }
  }

  /// The glyph of a compute task; `nil` for a transfer, which occupies a link, not the stage.
  static func glyph(_ task: PipelineTask) -> Glyph? {
    switch task.kind {
    case .forward: .forward(microbatch: task.microbatch ?? 0)
    case .backward: .backward(microbatch: task.microbatch ?? 0)
    case .update: .update
    case .sendForward, .sendBackward: nil
    }
  }

  /// Marks at round times (1, 2 or 5 × a power of ten seconds) along `columns` columns of
  /// `window`, far enough apart that each label is followed by at least two blank columns;
  /// a mark whose label would pass the right edge is left out.
  public static func ticks(window: ClosedRange<Double>, columns: Int) -> [Tick] {
    let span = window.upperBound - window.lowerBound
    guard columns > 0, span > 0 else { return [] }
    let widest = max(label(window.lowerBound).count, label(window.upperBound).count)
    let step = roundStep(atLeast: span * Double(widest + 2) / Double(columns))
    var ticks: [Tick] = []
    var index = (window.lowerBound / step).rounded(.up)
    while index * step <= window.upperBound {
      let time = index * step
      let column = Int(((time - window.lowerBound) / span * Double(columns)).rounded())
      let text = label(time)
      if column + text.count <= columns { ticks.append(Tick(column: column, label: text)) }
      index += 1
    }
    return ticks
  }

  /// A tick's label: `0` at the start of the iteration, else ``Format/seconds(_:)``.
  static func label(_ seconds: Double) -> String {
    seconds == 0 ? "0" : Format.seconds(seconds)
  }

  /// The smallest of 1, 2 or 5 × 10ⁿ that is at least `minimum`.
  static func roundStep(atLeast minimum: Double) -> Double {
    let power = pow(10, (log10(minimum)).rounded(.down))
    return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= minimum * (1 - 1e-9) } ?? 10 * power
  }

  /// The line over the chart: `iteration 9.74 ms · bubble 27.3 % · zoom 2× · showing
  /// 2.43 ms–7.30 ms`.
  public static func summary(_ timeline: PipelineTimeline, viewport: TimelineViewport) -> String {
    let shown = window(timeline, viewport: viewport)
    return "iteration \(Format.seconds(timeline.iterationSeconds)) · bubble "
      + PlanPresentation.percent(timeline.bubbleFraction) + " · zoom \(1 << viewport.zoom)× · "
      + "showing \(label(shown.lowerBound))–\(label(shown.upperBound))"
  }

  /// The chart box's title: `1f1b · 2 stages × 4 microbatches`.
  public static func title(_ timeline: PipelineTimeline) -> String {
    let stages = timeline.stageCount == 1 ? "1 stage" : "\(timeline.stageCount) stages"
    let microbatches =
      timeline.microbatches == 1 ? "1 microbatch" : "\(timeline.microbatches) microbatches"
    return "\(timeline.schedule) · \(stages) × \(microbatches)"
  }

  /// The chart box's title for the timeline `run` measured in its last step:
  /// `measured on CPU · step 3 of gpt-tiny.json`.
  public static func measuredTitle(of run: RunStatus) -> String {
    "measured on CPU · step \(run.stepsDone) of \(run.title)"
  }

  /// Why there is no timeline: the evaluation error, else the estimate's issues.
  public static func reasons(_ document: PlanDocument) -> [String] {
    if let error = document.evaluationError { return ["cannot evaluate: \(error)"] }
    let issues = document.estimate?.issues.map(\.description) ?? []
    return issues.isEmpty ? ["the plan could not be simulated"] : issues
  }
}
