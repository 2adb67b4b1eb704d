import Foundation
import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlinePlan
import ShardlinePlanner
import ShardlineRuntime

/// Section (c) of `shardline bench runtime`: small plans made by the planner for the `cpu`
/// cluster, run with ``TrainingSession``, measured step time against the plan's estimate.
enum RuntimeBenchPlans {
  /// A model (as `--model` and its options take it) and a microbatch count.
  struct Case {
    var model: [String]
    var microbatches: String
  }

  /// The plans: tiny presets, and GPT sizes whose steps take tens of milliseconds.
  static func cases(quick: Bool) -> [Case] {
    if quick { return [Case(model: ["--model", "mlp-tiny"], microbatches: "1")] }
    let gpt = ["--model", "gpt-tiny", "--optimizer", "sgd"]
    return [
      Case(model: ["--model", "mlp-tiny"], microbatches: "1"),
      Case(model: ["--model", "mlp-tiny", "--hidden", "512", "--batch", "256"], microbatches: "2"),
      Case(model: gpt, microbatches: "1"),
      Case(model: gpt + ["--hidden", "128", "--seq", "64", "--batch", "16"], microbatches: "2"),
      Case(
        model: gpt + ["--hidden", "256", "--depth", "4", "--seq", "128", "--batch", "16"],
        microbatches: "4"),
    ]
  }

  /// Plans and runs every case; one table row each, then the median error.
  static func section(quick: Bool, steps: Int) throws -> String {
    let cluster = try ClusterOptions(cluster: "cpu").resolve()
    let table = TextTable(
      header: ["plan on cpu", "stages", "meshes", "estimate", "measured", "error", "wall"])
    var errors: [Double] = []
    for benchCase in cases(quick: quick) {
      let (plan, estimate, measured, wall) = try measure(benchCase, on: cluster, steps: steps)
      let error = (estimate - measured) / measured
      errors.append(abs(error))
      table.add([
        benchCase.model.dropFirst().joined(separator: " ") + " ×\(plan.microbatches)",
        "\(plan.stages.count)",
        plan.stages.map(\.logicalShape.description).joined(separator: ","),
        Format.seconds(estimate), Format.seconds(measured),
        String(format: "%+.0f %%", error * 100), Format.seconds(wall),
      ])
    }
    let median = errors.sorted()[errors.count / 2]
    let source = CPUProfileFile.hasCalibration ? "calibrated" : "nominal (not calibrated)"
    return table.render()
      + String(format: "\nmedian |error| %.0f %% (target ≤ 20 %%); ", median * 100)
      + "cpu profile: \(source); fastest of \(steps) step(s) after a warm-up\n"
      + "measured: the devices' iteration, from the first task's start to the last one's end "
      + "(what the estimate models); wall adds starting a thread per device and the host's "
      + "uploads and downloads"
  }

  /// Where one training step of the last case's model goes, by op kind, evaluated op by op on
  /// one thread, against the cost model on one `cpu` device.
  static func opKindSection(quick: Bool) throws -> String {
    guard let benchCase = cases(quick: quick).last else { return "" }
    let source = try ModelOptions.parse(benchCase.model).modelSource()
    let cluster = try ClusterOptions(cluster: "cpu").resolve()
    let graph: Graph
    do {
      graph = try source.microbatchGraph(microbatches: 1)
    } catch {
      throw CLIError("bench runtime: \(error)")
    }
    let kinds = OpKindProfile.measure(
      graph, inputs: HostTensor.initialInputs(for: graph, seed: 1),
      model: ComputeCostModel(device: cluster.host.device))
    let table = TextTable(header: ["op kind (1 thread)", "ops", "measured", "estimate", "ratio"])
    for kind in kinds.prefix(12) {
      table.add([
        kind.kind, "\(kind.count)", Format.seconds(kind.measuredSeconds),
        Format.seconds(kind.estimatedSeconds),
        kind.estimatedSeconds > 0
          ? String(format: "%.2f", kind.measuredSeconds / kind.estimatedSeconds) : "-",
      ])
    }
    let measured = kinds.reduce(0) { $0 + $1.measuredSeconds }
    let estimated = kinds.reduce(0) { $0 + $1.estimatedSeconds }
    return table.render()
      + "\n\(benchCase.model.dropFirst().joined(separator: " ")), whole batch: measured "
      + "\(Format.seconds(measured)), estimate \(Format.seconds(estimated))"
  }

  /// The devices' iteration in a measured timeline: from the first task's start to the last
  /// task's end.
  private static func iterationSeconds(_ timeline: PipelineTimeline) -> Double {
    let start = timeline.tasks.map(\.startSeconds).min() ?? 0
    return (timeline.tasks.map(\.endSeconds).max() ?? 0) - start
  }

  /// The plan the planner makes for `benchCase`, its estimated iteration time, and the fastest
  /// of the steps' device iterations (see ``iterationSeconds(_:)``) and whole-step wall times,
  /// in seconds.
  ///
  /// The fastest, as calibration keeps the best round: the estimate prices a step that has the
  /// cores to itself, and other programs on the machine only ever slow a step down.
  private static func measure(_ benchCase: Case, on cluster: ClusterSpec, steps: Int) throws
    -> (Plan, Double, Double, Double)
  {
    let model = try ModelOptions.parse(benchCase.model)
    let flags = try PlannerFlags.parse(["--no-cache", "--microbatches", benchCase.microbatches])
    let source = try model.modelSource()
    do {
      let plan = try flags.planner().plan(source, on: cluster)
      let graph = try source.microbatchGraph(microbatches: plan.microbatches)
      let whole = try source.microbatchGraph(microbatches: 1)
      let estimate = try PlanEvaluator(graph: graph).evaluate(plan).iterationSeconds
      var session = try TrainingSession(plan: plan, graph: graph, wholeGraph: whole, seed: 1)
      let options = ExecutionOptions(watchdogTimeoutSeconds: 60)
      _ = try session.runStep(options: options)
      var iterations: [Double] = []
      var walls: [Double] = []
      for _ in 0..<steps {
        let result = try session.runStep(options: options)
        iterations.append(iterationSeconds(result.timeline))
        walls.append(result.seconds)
      }
      return (plan, estimate, iterations.min() ?? 0, walls.min() ?? 0)
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError("bench runtime: \(benchCase.model.joined(separator: " ")): \(error)")
    }
  }
}
