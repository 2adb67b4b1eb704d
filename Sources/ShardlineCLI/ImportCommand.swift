import ArgumentParser
import Foundation
import ShardlineIR
import ShardlineImport

/// `shardline import`: a JAX training step's StableHLO text as a Shardline graph.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a JAX training step (StableHLO text) as a Shardline graph.",
    discussion: """
      Reads what `jax.jit(step).lower(*args).as_text()` prints (Samples/jax/export_train_step.py \
      writes it with argument names). Calls are inlined and loops with a static trip count \
      unrolled; arguments become parameters, optimizer state or batch data (see --summary; \
      override with --batch-args and --parameter-args). Every command's --model also takes a \
      .mlir file directly. With --reference, the reference interpreter runs the imported graph \
      on the inputs in a file export_train_step.py wrote and compares every output with JAX's.
      """)

  @Argument(help: ArgumentHelp("The StableHLO text file.", valueName: "step.mlir"))
  var file: String

  @Option(name: .shortAndLong, help: "Write the graph JSON here ('-' for standard output).")
  var output: String?

  @Flag(help: "Print what was imported: arguments and results with their roles, ops by phase.")
  var summary = false

  @Option(
    help: ArgumentHelp(
      "Check the import against JAX: a .reference.json file with inputs and JAX's outputs.",
      valueName: "file"))
  var reference: String?

  @Option(
    help: ArgumentHelp(
      "Largest relative difference --reference accepts; default 1e-4, or 2e-2 when the step "
        + "computes in bf16 or f16.", valueName: "x"))
  var tolerance: Double?

  @OptionGroup var roles: ImportRoleFlags

  func run() throws {
    let imported = try StableHLOFile.load(file, roles: roles)
    if summary || (output == nil && reference == nil) {
      print(ImportSummary.render(imported))
    }
    if let reference {
      let check = try ImportReferenceCheck(graph: imported.graph, referencePath: reference)
      let limit = tolerance ?? ImportReferenceCheck.defaultTolerance(of: imported.graph)
      print(check.render(tolerance: limit))
      if let worst = check.worst, worst.difference > limit {
        throw CLIError(
          "\(file): '\(worst.name)' differs from JAX's by \(String(format: "%.2e", worst.difference)) "
            + "(relative; limit \(String(format: "%.0e", limit)))")
      }
    }
    if let output {
      let data = try imported.graph.jsonData()
      if output == "-" {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
      } else {
        do {
          try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
          throw CLIError("cannot write \(output): \(error.localizedDescription)")
        }
      }
    }
  }
}
