import ArgumentParser
import Foundation
import ShardlineHardware
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner

/// `shardline bench paper`: the Alpa paper's weak-scaling benchmark under Shardline's cost model.
struct PaperBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "paper",
    abstract:
      "Estimated TFLOPS per GPU of Shardline and every baseline on the Alpa paper's suites.")

  @Option(help: "Suite: gpt, moe or wresnet (default: all three).")
  var suite: String?

  @Option(help: ArgumentHelp("Only rows with at most this many GPUs.", valueName: "n"))
  var maxGPUs: Int = 64

  @Option(help: ArgumentHelp("Also write the figures as CSV.", valueName: "file"))
  var csv: String?

  @Option(
    name: .customLong("cache-dir"),
    help: ArgumentHelp("Profile cache (default: none, every row solved cold).", valueName: "dir"))
  var cacheDirectory: String?

  func run() throws {
    let suites: [PaperSuite]
    if let suite {
      guard let chosen = PaperSuite(rawValue: suite) else {
        throw CLIError("unknown suite '\(suite)' (known: gpt, moe, wresnet)")
      }
      suites = [chosen]
    } else {
      suites = PaperSuite.allCases
    }
    var lines = ["suite,model,gpus,method,tflops_per_gpu,status,compile_seconds"]
    let line = ProgressLine()
    defer { line.finish() }
    for suite in suites {
      let methods = ["shardline"] + suite.baselines.map(\.rawValue)
      let table = TextTable(header: ["model", "GPUs"] + methods + ["compile"])
      for (preset, gpus) in suite.rows where gpus <= maxGPUs {
        let cluster = try PaperSuite.cluster(gpus: gpus)
        let model = try Self.source(preset)
        var cells = [preset, "\(gpus)"]
        var compile = "-"
        for method in methods {
          line.update("\(preset) on \(gpus) GPUs: \(method)")
          let outcome = Self.outcome(
            method: method, model: model, cluster: cluster, cache: cacheDirectory)
          cells.append(outcome.cell)
          if method == "shardline", let seconds = outcome.compileSeconds {
            compile = String(format: "%.1f s", seconds)
          }
          lines.append(
            "\(suite.rawValue),\(preset),\(gpus),\(method),\(outcome.tflops.map { String($0) } ?? ""),"
              + "\(outcome.status),\(outcome.compileSeconds.map { String($0) } ?? "")")
        }
        table.add(cells + [compile])
      }
      line.finish()
      print("\(suite.rawValue): estimated TFLOPS per GPU (OOM: no plan fits; n/a: not applicable)")
      print(table.render())
      print()
    }
    if let csv {
      do {
        try (lines.joined(separator: "\n") + "\n").write(
          toFile: csv, atomically: true, encoding: .utf8)
      } catch {
        throw CLIError("cannot write \(csv): \(error.localizedDescription)")
      }
    }
  }

  /// What one method achieved on one row.
  struct Outcome {
    var tflops: Double?
    var status: String
    var compileSeconds: Double?

    var cell: String { tflops.map { String(format: "%.1f", $0) } ?? status }
  }

  static func source(_ preset: String) throws -> ModelSource {
    do {
      let zoo = try ModelZoo.preset(named: preset)
      return .zoo(name: zoo.name, config: zoo.model, training: zoo.trainingOptions())
    } catch {
      throw CLIError(error.description)
    }
  }

  static func outcome(method: String, model: ModelSource, cluster: ClusterSpec, cache: String?)
    -> Outcome
  {
    let planner = Planner(cacheDirectory: cache.map { URL(fileURLWithPath: $0) })
    do throws(PlannerError) {
      let plan: Plan
      if let baseline = Baseline(rawValue: method) {
        plan = try planner.plan(model, on: cluster, baseline: baseline, progress: nil)
      } else {
        plan = try planner.plan(model, on: cluster)
      }
      guard let estimate = plan.estimate, estimate.isValid else {
        return Outcome(tflops: nil, status: "OOM", compileSeconds: plan.search.compileSeconds)
      }
      return Outcome(
        tflops: estimate.teraflopsPerDevice, status: "ok",
        compileSeconds: plan.search.compileSeconds)
    } catch .doesNotFit {
      return Outcome(tflops: nil, status: "OOM", compileSeconds: nil)
    } catch .invalidOption {
      return Outcome(tflops: nil, status: "n/a", compileSeconds: nil)
    } catch {
      return Outcome(tflops: nil, status: "error: \(error)", compileSeconds: nil)
    }
  }
}
