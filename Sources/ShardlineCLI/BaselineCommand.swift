import ArgumentParser
import Foundation
import ShardlinePlan
import ShardlinePlanner

/// `shardline baseline`: the plan a hand-designed system (Megatron-LM, ZeRO, DeepSpeed-MoE, …)
/// would run, found and costed by the same planner and cost model as `plan`.
struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline",
    abstract: "Plan as a baseline system would: Megatron-LM, ZeRO, DeepSpeed-MoE, PP-DP, ….",
    discussion: """
      Each baseline is Shardline's search confined to what that system can express, costed by \
      the same model, so its plan compares directly with `shardline plan`'s. Kinds:
      \(Baseline.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
      """)

  @Option(
    help: ArgumentHelp(
      "The baseline: \(Baseline.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "kind"))
  var kind: String

  @OptionGroup var model: ModelOptions
  @OptionGroup var cluster: ClusterOptions
  @OptionGroup var flags: PlannerFlags

  func run() throws {
    guard let baseline = Baseline(rawValue: kind.lowercased()) else {
      let known = Baseline.allCases.map(\.rawValue).joined(separator: ", ")
      throw CLIError("unknown baseline '\(kind)' (known: \(known))")
    }
    try flags.search(model: model, cluster: cluster) { planner, source, cluster, progress in
      try planner.plan(source, on: cluster, baseline: baseline, progress: progress)
    }
  }
}
