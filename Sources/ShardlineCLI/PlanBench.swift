import ArgumentParser
import Foundation
import ShardlineHardware
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner

/// `shardline bench plan`: compile time of the whole search, cold (no profile cache), on the
/// issue's speed cases or a model and cluster given on the command line.
struct PlanBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract:
      "Time a cold planning run: GPT-39B on 64 V100s and GPT-3 175B on 1024 A100s by default.")

  @Option(help: "Only this case: gpt-39b or gpt3-175b.")
  var only: String?

  /// A named speed case.
  struct Case {
    var name: String
    var model: ModelSource
    var cluster: String
    /// What the issue asks of it.
    var target: String
  }

  static func cases() throws -> [Case] {
    let gpt39 = try ModelZoo.preset(named: "gpt-39b")
    // GPT-3 175B (Brown et al., 2020): 96 layers, hidden 12288, 96 heads, sequence 2048, on 128
    // DGX A100 hosts; batch 1536 as in Megatron-LM's 175B run (Narayanan et al., SC 2021).
    let gpt3 = ModelConfig.gpt(
      GPTConfig(hidden: 12288, layers: 96, heads: 96, seq: 2048, vocab: 51200, batch: 1536))
    return [
      Case(
        name: "gpt-39b",
        model: .zoo(name: "gpt-39b", config: gpt39.model, training: gpt39.trainingOptions()),
        cluster: "p3.16xlarge:8", target: "under 60 s"),
      Case(
        name: "gpt3-175b",
        model: .zoo(name: "gpt3-175b", config: gpt3, training: gpt39.trainingOptions()),
        cluster: "dgx-a100:128", target: "under 5 minutes"),
    ]
  }

  func run() throws {
    let all = try Self.cases()
    let chosen = only.map { name in all.filter { $0.name == name } } ?? all
    guard !chosen.isEmpty else {
      throw CLIError(
        "unknown case '\(only ?? "")' (known: \(all.map(\.name).joined(separator: ", ")))")
    }
    for benchCase in chosen {
      let cluster = try ClusterOptions(cluster: benchCase.cluster).resolve()
      let line = ProgressLine()
      let plan: Plan
      do {
        plan = try Planner().plan(benchCase.model, on: cluster) { progress in
          line.update(progress.description)
        }
      } catch {
        line.finish()
        throw CLIError("\(benchCase.name): \(error)")
      }
      line.finish()
      let estimate = plan.estimate
      print(
        "\(benchCase.name) on \(benchCase.cluster) (\(cluster.deviceCount) devices), batch \(plan.globalBatch), cold cache"
      )
      print(
        "  compile      \(String(format: "%.1f s", plan.search.compileSeconds))  (target \(benchCase.target))"
      )
      print("  ILP solves   \(plan.search.ilpSolves), \(plan.search.cacheHits) layer solves reused")
      print(
        "  candidates   \(plan.search.candidatesProfiled) priced of \(plan.search.candidatesTotal)")
      print("  plan         \(plan.stages.count) stages, \(plan.microbatches) microbatches")
      if let estimate {
        print(
          "  iteration    \(Format.seconds(estimate.iterationSeconds)), \(String(format: "%.1f", estimate.teraflopsPerDevice)) TFLOPS per device\(estimate.isValid ? "" : " (invalid)")"
        )
      }
    }
  }
}
