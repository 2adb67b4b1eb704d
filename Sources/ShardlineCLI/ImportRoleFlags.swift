import ArgumentParser
import Foundation
import ShardlineImport

/// The flags that override what an imported StableHLO step's arguments are, for every command
/// that reads a `.mlir` file.
struct ImportRoleFlags: ParsableArguments {
  @Option(
    name: .customLong("batch-args"),
    help: ArgumentHelp(
      "For a .mlir step: arguments (0-based, comma-separated) that are batch data.",
      valueName: "i,j"))
  var batchArguments: String?

  @Option(
    name: .customLong("parameter-args"),
    help: ArgumentHelp(
      "For a .mlir step: arguments (0-based, comma-separated) that are trainable parameters.",
      valueName: "i,j"))
  var parameterArguments: String?

  /// The importer's options, with the graph named `name`.
  func importOptions(name: String) throws -> ImportOptions {
    var options = ImportOptions()
    options.name = name
    options.batchArguments = try Self.indices(batchArguments, flag: "--batch-args")
    options.parameterArguments = try Self.indices(parameterArguments, flag: "--parameter-args")
    return options
  }

  private static func indices(_ text: String?, flag: String) throws -> [Int]? {
    guard let text else { return nil }
    return try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
      guard let index = Int(item.trimmingCharacters(in: .whitespaces)), index >= 0 else {
        throw CLIError("\(flag) \(text): '\(item)' is not an argument index (0, 1, …)")
      }
      return index
    }
  }
}
