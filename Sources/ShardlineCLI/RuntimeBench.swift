import ArgumentParser
import Foundation
import ShardlineHardware
import ShardlineInterpreter
import ShardlineRuntime

/// `shardline bench runtime`: how fast the CPU runtime runs, and how well the cost model
/// predicts it on the calibrated `cpu` cluster.
struct RuntimeBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runtime",
    abstract: "The CPU runtime: dot_general against sgemm, per-instruction overhead, and "
      + "measured step times of small plans against their estimates.",
    discussion: """
      The estimates are for the cpu cluster as `shardline calibrate` measured it (nominal \
      values before any calibration). Other programs running at the same time slow the \
      measured times down.
      """)

  @Option(help: "Timed steps per plan, after one warm-up step; the fastest is reported.")
  var steps = 5

  @Flag(help: "Tiny sizes and one plan (for tests); the figures are not representative.")
  var quick = false

  func validate() throws {
    guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
  }

  func run() throws {
    do {
      print(try dotSection())
      print()
      print(try overheadSection())
      print()
      print(try RuntimeBenchPlans.section(quick: quick, steps: quick ? 1 : steps))
      print()
      print(try RuntimeBenchPlans.opKindSection(quick: quick))
    } catch let error as RuntimeError {
      throw CLIError("bench runtime: \(error)")
    }
  }

  /// (a) `dot_general` as a local op on a CPU device against OpenBLAS's own `sgemm`.
  private func dotSection() throws -> String {
    let shapes =
      quick
      ? [DotShape(m: 16, n: 16, k: 16)]
      : [
        DotShape(m: 2048, n: 2048, k: 2048),
        DotShape(m: 2048, n: 2048, k: 2048, rhsTransposed: true),
        DotShape(m: 4096, n: 1024, k: 512), DotShape(batch: 16, m: 256, n: 256, k: 256),
      ]
    let repeats = quick ? 1 : 3
    let table = TextTable(
      header: ["dot_general (1 device)", "local op", "cblas_sgemm", "local op / sgemm"])
    for shape in shapes {
      let local = try DotLocalOpProbe.bestSeconds(shape, repeats: repeats)
      let sgemm =
        DotBenchmark.sgemmSeconds(m: shape.m, n: shape.n, k: shape.k, repeats: repeats)
        * Double(shape.batch)
      table.add([
        shape.description, gflops(shape.flops / local), gflops(shape.flops / sgemm),
        String(format: "%.0f %%", sgemm / local * 100),
      ])
    }
    return table.render() + "\n(target: local op ≥ 80 % of sgemm; best of \(repeats))"
  }

  /// (b) The runtime's fixed cost per instruction.
  private func overheadSection() throws -> String {
    let count = quick ? 10 : 2000
    let samples = [
      try OverheadProbe.ops(count: count, devices: 1),
      try OverheadProbe.ops(count: count, devices: ProcessInfo.processInfo.activeProcessorCount),
      try OverheadProbe.collectives(count: quick ? 10 : 500, devices: quick ? 2 : 8),
    ]
    let table = TextTable(header: ["overhead", "devices", "instructions", "per instruction"])
    for sample in samples {
      let subject =
        sample.subject == "op" ? "add of 1 element + free" : "all-reduce of 1 element + free"
      table.add([
        subject, "\(sample.devices)", "\(sample.instructions)",
        Format.seconds(sample.secondsPerInstruction),
      ])
    }
    return table.render()
  }

  private func gflops(_ flopsPerSecond: Double) -> String {
    String(format: "%.1f GFLOP/s", flopsPerSecond / 1e9)
  }
}
