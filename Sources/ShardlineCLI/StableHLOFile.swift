import Foundation
import ShardlineIR
import ShardlineImport

/// A JAX training step in a StableHLO text file (`.mlir`), imported as a training-step graph.
enum StableHLOFile {
  /// Whether `path` names a StableHLO text file.
  static func isStableHLO(_ path: String) -> Bool { path.hasSuffix(".mlir") }

  /// Reads, parses and imports the step at `path`; the graph is named after the file.
  ///
  /// - Throws: ``CLIError`` naming the file, and the line, column and op at fault.
  static func load(_ path: String, roles: ImportRoleFlags) throws -> ImportedModel {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw CLIError("cannot read \(path): \(error.localizedDescription)")
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let options = try roles.importOptions(name: name)
    do {
      return try StableHLOImporter.importModule(StableHLOParser.parse(text), options: options)
    } catch {
      throw CLIError("\(path): \(error)")
    }
  }
}
