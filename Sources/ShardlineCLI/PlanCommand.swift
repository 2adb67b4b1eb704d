import ArgumentParser
import Foundation
import ShardlinePlan
import ShardlinePlanner

/// `shardline plan`: the whole Alpa search — layers, stages, submeshes, every op's sharding.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Find the fastest plan that fits: pipeline stages, submeshes and shardings.")

  @OptionGroup var model: ModelOptions
  @OptionGroup var cluster: ClusterOptions
  @OptionGroup var flags: PlannerFlags

  func run() throws {
    let source = try model.modelSource()
    let clusterSpec = try cluster.resolve()
    let planner = try flags.planner()
    let line = ProgressLine()
    defer { line.finish() }
    let plan: Plan
    do {
      plan = try planner.plan(source, on: clusterSpec) { progress in
        line.update(ProgressText.line(progress))
      }
    } catch {
      throw CLIError(error.description)
    }
    line.finish()
    let graph = try source.microbatchGraph(microbatches: plan.microbatches)
    try flags.emit(plan, evaluator: PlanEvaluator(graph: graph))
  }
}

/// The live progress line of a planning run.
enum ProgressText {
  /// `searching 64 microbatches: 1200/14025 candidates, 37 ILP solves, 410 reused`.
  static func line(_ progress: PlannerProgress) -> String {
    var text = progress.phase
    if progress.candidatesTotal > 0 {
      text += ": \(progress.candidatesPriced)/\(progress.candidatesTotal) candidates"
    }
    return text + ", \(progress.ilpSolves) ILP solves, \(progress.cacheHits) reused"
  }
}
