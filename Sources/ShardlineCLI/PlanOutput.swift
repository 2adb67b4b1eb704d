import Foundation
import ShardlinePlan

/// What the commands that produce a plan (`plan`, `baseline`, `evaluate`) write and print: the
/// plan file, its pipeline trace, and the summary or JSON on standard output.
enum PlanOutput {
  /// Writes `plan` as a plan JSON file at `path`.
  ///
  /// - Throws: ``CLIError`` naming the path when it cannot be written.
  static func write(_ plan: Plan, to path: String) throws {
    do {
      try plan.jsonData().write(to: URL(fileURLWithPath: path))
    } catch {
      throw CLIError("cannot write \(path): \(error.localizedDescription)")
    }
  }

  /// Writes the pipeline timeline of `plan` as Chrome trace JSON at `path`, one track per stage.
  ///
  /// - Parameter timeline: The plan's timeline (``PlanEvaluator/timeline(of:)``), `nil` when
  ///   the plan is too broken to simulate.
  /// - Throws: ``CLIError`` when there is no timeline or the file cannot be written.
  static func writeTrace(_ timeline: PipelineTimeline?, of plan: Plan, to path: String) throws {
    guard let timeline else {
      throw CLIError("the plan is too broken to simulate; no trace written")
    }
    let names = plan.stages.indices.map { "stage \($0)" }
    do {
      try ChromeTrace.json(timeline, stageNames: names).write(to: URL(fileURLWithPath: path))
    } catch {
      throw CLIError("cannot write \(path): \(error.localizedDescription)")
    }
  }

  /// Prints `plan` on standard output: its JSON, or the ``PlanSummary``.
  static func print(_ plan: Plan, json: Bool) throws {
    if json {
      Swift.print(String(decoding: try plan.jsonData(), as: UTF8.self))
    } else {
      Swift.print(PlanSummary.render(plan))
    }
  }
}
