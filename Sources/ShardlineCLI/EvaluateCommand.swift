import ArgumentParser
import Foundation
import ShardlineIR
import ShardlinePlan
import ShardlinePlanner

/// `shardline evaluate`: re-checks a plan file against its model and cluster and re-costs it,
/// whoever wrote it — the planner, a baseline, or a person with an editor.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Re-cost a plan file and say whether it can run.",
    discussion: """
      Rebuilds the plan's model, checks that every op of the plan is still the op it names, and \
      prices the plan as written: per-stage time and memory, the pipeline and its bubble. An \
      invalid plan (over memory, overlapping devices, layers not covered, a sharding an op \
      cannot take) lists its problems and exits non-zero.
      """)

  @Argument(
    help: ArgumentHelp(
      "A plan file written by `plan` or `baseline`, or edited by hand.", valueName: "plan.json"))
  var planFile: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The graph JSON file of a plan made from a graph file (zoo plans rebuild their own).",
      valueName: "file"))
  var model: String?

  @OptionGroup var roles: ImportRoleFlags

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Fail unless the plan was made for this cluster (default: the plan's own).",
      valueName: "spec"))
  var cluster: String?

  @Option(
    help: ArgumentHelp("Write the pipeline timeline as Chrome trace JSON.", valueName: "file"))
  var trace: String?

  @Flag(name: .long, help: "Print the re-costed plan as JSON instead of the summary.")
  var json = false

  func run() throws {
    let file = try PlanFile.load(planFile, graphFile: model, roles: roles)
    var plan = file.plan
    if let cluster {
      let given = try ClusterOptions(cluster: cluster).resolve()
      do {
        try plan.check(cluster: given)
      } catch {
        throw CLIError("\(planFile): \(error)")
      }
    }
    let graph = try file.microbatchGraph()
    let evaluator = PlanEvaluator(graph: graph)
    let estimate: PlanEstimate
    do {
      try plan.check(against: graph)
      estimate = try evaluator.evaluate(plan)
    } catch {
      throw CLIError("\(planFile): \(error)")
    }
    plan.estimate = estimate
    try PlanOutput.print(plan, json: json)
    var traceSkipped = false
    if let trace {
      let timeline = try? evaluator.timeline(of: plan)
      if timeline != nil || estimate.isValid {
        try PlanOutput.writeTrace(timeline, of: plan, to: trace)
      } else {
        traceSkipped = true
      }
    }
    guard estimate.isValid else {
      throw CLIError(
        "the plan is invalid: \(estimate.issues.count) problem(s)"
          + (traceSkipped ? "; no trace written" : ""))
    }
  }
}
