import ArgumentParser
import ShardlineHardware
import ShardlineModels

/// `shardline models`: the model zoo.
struct ModelsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models", abstract: "List the model presets with their sizes.")

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  /// One preset as `--json` prints it.
  struct Row: Encodable {
    var name: String
    var family: String
    var parameters: Int
    var computeType: String
    var batch: Int
    var configuration: String
  }

  func run() throws {
    let rows = ModelZoo.presets.map { preset in
      Row(
        name: preset.name, family: preset.family.rawValue, parameters: preset.parameterCount,
        computeType: preset.computeType.rawValue, batch: preset.model.batch,
        configuration: "\(preset.model)")
    }
    if json {
      try printJSON(rows)
      return
    }
    let table = TextTable(header: ["preset", "parameters", "dtype", "batch", "configuration"])
    for row in rows {
      table.add([
        row.name, Format.count(Double(row.parameters)), row.computeType, "\(row.batch)",
        row.configuration,
      ])
    }
    print(table.render())
  }
}
