import ArgumentParser
import Foundation

/// `shardline export`: writes a model's training-step graph as JSON.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a model's training-step graph in Shardline's graph JSON form.")

  @OptionGroup var model: ModelOptions

  @Option(name: .shortAndLong, help: "Output file ('-' for standard output).")
  var output: String = "-"

  func run() throws {
    let data = try model.resolvedGraph().jsonData()
    if output == "-" {
      FileHandle.standardOutput.write(data)
      FileHandle.standardOutput.write(Data("\n".utf8))
      return
    }
    do {
      try data.write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw CLIError("cannot write \(output): \(error.localizedDescription)")
    }
  }
}
