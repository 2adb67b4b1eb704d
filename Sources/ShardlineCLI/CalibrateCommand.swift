import ArgumentParser
import Foundation
import ShardlineHardware
import ShardlineRuntime

/// `shardline calibrate`: measures this machine through the CPU backend and writes the `cpu`
/// profile that the `cpu` cluster and device presets are then built from.
struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Measure this machine and write the profile the cpu presets use.",
    discussion: """
      Times dot_general, STREAM-like kernels, collectives, send/recv and per-op overhead on \
      virtual CPU devices, prints what it measured, and writes the profile to \
      $SHARDLINE_CPU_PROFILE, or else to $XDG_CACHE_HOME/shardline/cpu.json \
      (~/.cache/shardline/cpu.json). Plans for the cpu cluster made afterwards are priced \
      with it. Other programs running at the same time slow every figure down.
      """)

  @Option(help: "Backend to measure; the only backend is cpu.") var backend = "cpu"

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write the profile here instead of where the cpu presets read it.", valueName: "file"))
  var output: String?

  @Flag(help: "Tiny sizes that finish at once (for tests); the figures are not representative.")
  var quick = false

  func validate() throws {
    guard backend == "cpu" else {
      throw ValidationError("unknown backend '\(backend)'; the only backend is cpu")
    }
  }

  func run() throws {
    let options = quick ? CalibrationOptions.quick : CalibrationOptions()
    let line = ProgressLine()
    let report: CalibrationReport
    do {
      report = try Calibrator.run(options, workloads: try Self.workloads(quick: quick)) {
        line.update($0)
      }
    } catch {
      line.finish()
      throw CLIError("calibration failed: \(error)")
    }
    line.finish()
    print(CalibrationTables.render(report))
    let path = output ?? CPUProfileFile.path
    try CPUProfileFile.write(report.characteristics, to: path)
    print("\nprofile written to \(path)")
    if output != nil {
      print(
        "the cpu presets read \(CPUProfileFile.path) "
          + "(set \(CPUProfileFile.environmentVariable) to use another)")
    }
  }

  /// The training steps whose ops give the per-kind rates: one of each model family the CPU
  /// backend runs, at sizes between the zoo's tiny presets and `bench runtime`'s plans (so the
  /// benchmark does not check the rates on the steps they were measured on).
  static func workloads(quick: Bool) throws -> [CalibrationWorkload] {
    let models: [[String]] =
      quick
      ? [["--model", "mlp-tiny"]]
      : [
        [
          "--model", "gpt-tiny", "--optimizer", "sgd", "--hidden", "192", "--seq", "32",
          "--batch", "8",
        ],
        ["--model", "moe-tiny"],
        ["--model", "mlp-tiny", "--hidden", "384", "--batch", "128"],
        ["--model", "wresnet-tiny"],
      ]
    return try models.map { arguments in
      let graph = try ModelOptions.parse(arguments).modelSource().microbatchGraph(microbatches: 1)
      return CalibrationWorkload(name: graph.name, graph: graph)
    }
  }
}
