import ArgumentParser
import Foundation
import ShardlineHardware
import ShardlineIR
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
    try flags.search(model: model, cluster: cluster) { planner, source, cluster, progress in
      try planner.plan(source, on: cluster, progress: progress)
    }
  }
}

extension PlannerFlags {
  /// Runs `search` with a live progress line on standard error, then writes and prints the plan.
  func search(
    model: ModelOptions, cluster: ClusterOptions,
    _ search: (
      Planner, ModelSource, ClusterSpec, @escaping @Sendable (PlannerProgress) -> Void
    ) throws -> Plan
  ) throws {
    let source = try model.modelSource()
    let clusterSpec = try cluster.resolve()
    let planner = try planner()
    let line = ProgressLine()
    defer { line.finish() }
    let plan: Plan
    do {
      plan = try search(planner, source, clusterSpec) { line.update($0.description) }
    } catch {
      throw CLIError("\(error)")
    }
    line.finish()
    let graph: Graph
    do {
      graph = try source.microbatchGraph(microbatches: plan.microbatches)
    } catch {
      throw CLIError(error.description)
    }
    try emit(plan, evaluator: PlanEvaluator(graph: graph))
  }
}
