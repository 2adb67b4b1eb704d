import ArgumentParser
import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter

/// `shardline bench`: benchmarks that print figures (speed targets are checked here, not in
/// tests).
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Run a benchmark and print its figures.",
    subcommands: [
      DotBench.self, BuildBench.self, ShardBench.self, PlanBench.self, PaperBench.self,
      ExplorerBench.self, RuntimeBench.self,
    ])
}

/// `shardline bench dot`: the interpreter's dot_general against OpenBLAS's own sgemm.
struct DotBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dot",
    abstract: "Compare the interpreter's dot_general with a direct cblas_sgemm call.")

  @Option(help: "Matrix size n for an n×n×n product.") var size: Int = 1024
  @Option(help: "Repetitions; the best is reported.") var repeats: Int = 5

  func run() throws {
    guard size > 0, repeats > 0 else { throw CLIError("--size and --repeats must be positive") }
    let result = DotBenchmark.measure(m: size, n: size, k: size, repeats: repeats)
    let ratio = result.interpreterFlopsPerSecond / result.sgemmFlopsPerSecond
    print("dot_general \(size)×\(size)×\(size), best of \(repeats)")
    print(String(format: "  interpreter  %8.1f GFLOP/s", result.interpreterFlopsPerSecond / 1e9))
    print(String(format: "  cblas_sgemm  %8.1f GFLOP/s", result.sgemmFlopsPerSecond / 1e9))
    print(String(format: "  ratio        %8.1f %%  (target ≥ 80 %%)", ratio * 100))
  }
}

/// `shardline bench build`: how long building and checking a training-step graph takes.
struct BuildBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Time building a model's training-step graph (forward, autodiff, optimizer).")

  @OptionGroup var model: ModelOptions

  func run() throws {
    let clock = ContinuousClock()
    var built: Graph?
    let build = try clock.measure { built = try model.resolvedGraph() }
    guard let graph = built else { return }
    let validate = try clock.measure { try graph.validate() }
    let json = try clock.measure { _ = try graph.jsonData() }
    print("\(graph.name): \(graph.nodes.count) nodes, \(graph.parameterCount) parameters")
    print("  build     \(Format.seconds(build.seconds))")
    print("  validate  \(Format.seconds(validate.seconds))")
    print("  to JSON   \(Format.seconds(json.seconds))")
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (s, attoseconds) = components
    return Double(s) + Double(attoseconds) * 1e-18
  }
}
