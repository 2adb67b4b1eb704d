import ArgumentParser
import Foundation
import ShardlineImport
import ShardlinePlan
import ShardlinePlanner

/// The flags `plan` and `baseline` share: layering, microbatches, schedule, memory, cache and
/// outputs.
struct PlannerFlags: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Layers stages are made of: model (the model's own), auto (clustering DP) or a count.",
      valueName: "model|auto|N"))
  var layers: String = "model"

  @Option(help: ArgumentHelp("Microbatches per iteration: auto or a count.", valueName: "auto|N"))
  var microbatches: String = "auto"

  @Option(help: "Pipeline schedule: 1f1b or gpipe.")
  var schedule: String = "1f1b"

  @Option(
    name: .customLong("memory-fraction"),
    help: "Fraction of each device's memory a plan may use.")
  var memoryFraction: Double = 0.9

  @Flag(
    name: .customLong("no-remat"),
    help: "Keep every activation instead of recomputing each layer's in its backward.")
  var noRematerialization = false

  @Option(
    name: .customLong("cache-dir"),
    help: ArgumentHelp(
      "Where layer profiles are cached between runs (default: ~/.cache/shardline/profiles).",
      valueName: "dir"))
  var cacheDirectory: String?

  @Flag(name: .customLong("no-cache"), help: "Neither read nor write the profile cache.")
  var noCache = false

  @Option(name: [.short, .customLong("output")], help: "Write the plan to this JSON file.")
  var output: String?

  @Option(
    help: ArgumentHelp("Write the pipeline timeline as Chrome trace JSON.", valueName: "file"))
  var trace: String?

  @Flag(name: .long, help: "Print the plan as JSON instead of the summary.")
  var json = false

  /// The planner these flags describe.
  func planner() throws -> Planner {
    var options = PlannerOptions()
    switch layers {
    case "model": options.layers = .model
    case "auto": options.layers = .automatic
    default:
      guard let count = Int(layers), count >= 1 else {
        throw CLIError("bad --layers '\(layers)': expected model, auto or a positive count")
      }
      options.layers = .count(count)
    }
    if microbatches == "auto" {
      options.microbatches = .automatic
    } else {
      guard let count = Int(microbatches), count >= 1 else {
        throw CLIError("bad --microbatches '\(microbatches)': expected auto or a positive count")
      }
      options.microbatches = .count(count)
    }
    guard memoryFraction > 0 && memoryFraction <= 1 else {
      throw CLIError("bad --memory-fraction \(memoryFraction): expected a fraction in (0, 1]")
    }
    options.memoryFraction = memoryFraction
    options.rematerialization = !noRematerialization
    guard let pipeline = PipelineSchedule(rawValue: schedule) else {
      let known = PipelineSchedule.allCases.map(\.rawValue).joined(separator: ", ")
      throw CLIError("unknown schedule '\(schedule)' (known: \(known))")
    }
    guard pipeline != .interleavedOneFOneB else {
      throw CLIError(
        "the planner gives every stage its own devices, so it plans gpipe or 1f1b; interleaved "
          + "1F1B needs stages that share device groups: set \"schedule\" in a plan file whose "
          + "stages repeat device lists and run `shardline evaluate` on it")
    }
    return Planner(options: options, schedule: pipeline, cacheDirectory: cacheURL())
  }

  private func cacheURL() -> URL? {
    if noCache { return nil }
    if let cacheDirectory { return URL(fileURLWithPath: cacheDirectory) }
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
      ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache")
    return base.appendingPathComponent("shardline/profiles")
  }

  /// Writes `plan` and its trace where asked, then prints it (JSON or summary).
  func emit(_ plan: Plan, evaluator: PlanEvaluator) throws {
    if let output { try PlanOutput.write(plan, to: output) }
    if let trace {
      try PlanOutput.writeTrace(try? evaluator.timeline(of: plan), of: plan, to: trace)
    }
    try PlanOutput.print(plan, json: json)
  }
}

extension ModelOptions {
  /// The model as the planner takes it: a zoo preset it can rebuild per microbatch, or a graph
  /// file taken as one microbatch.
  func modelSource() throws -> ModelSource { try modelSourceAndShardings().source }

  /// The model as the planner takes it, with the `sdy.sharding` annotations of a StableHLO
  /// step's arguments (none for a graph file or a preset).
  func modelSourceAndShardings() throws -> (
    source: ModelSource, shardings: [ArgumentSharding]
  ) {
    if isGraphFile {
      let imported = try resolvedModel()
      let name = URL(fileURLWithPath: model).lastPathComponent
      return (.graph(name: name, graph: imported.graph), imported.argumentShardings)
    }
    let preset = try resolvedPreset()
    let source = ModelSource.zoo(
      name: preset.name, config: preset.model,
      training: preset.trainingOptions(optimizer: try resolvedOptimizer()))
    return (source, [])
  }
}
