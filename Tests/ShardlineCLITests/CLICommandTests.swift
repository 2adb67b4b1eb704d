import Foundation
import ShardlineTestSupport
import Testing

@Suite("Command-line commands")
struct CLICommandTests {
  @Test("inspect reports parameters, FLOPs, ops and whether one device holds the step")
  func inspectText() throws {
    let result = try ShardlineBinary.run([
      "inspect", "--model", "gpt-tiny", "--cluster", "p3.16xlarge",
    ])
    #expect(result.status == 0, "\(result.error)")
    for label in [
      "parameters  28.0 K", "FLOPs/step", "ops         ", "v100-sxm2-16gb", "fits        yes",
    ] {
      #expect(result.output.contains(label), "missing '\(label)' in\n\(result.output)")
    }
  }

  @Test("inspect says a large model does not fit one device")
  func inspectTooLarge() throws {
    let result = try ShardlineBinary.run(["inspect", "--model", "gpt-1.3b", "--batch", "8"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("fits        no: needs"))
  }

  @Test("inspect --json gives machine-readable figures")
  func inspectJSON() throws {
    let result = try ShardlineBinary.run(["inspect", "--model", "mlp-tiny", "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    #expect(object?["parameters"] as? Int == 1930)
    #expect(object?["fitsOnOneDevice"] as? Bool == true)
  }

  @Test("export writes a graph that inspect reads back with the same parameter count")
  func exportRoundTrip() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-export-\(UUID().uuidString).json").path
    let export = try ShardlineBinary.run(["export", "--model", "wresnet-tiny", "-o", path])
    #expect(export.status == 0, "\(export.error)")
    let result = try ShardlineBinary.run(["inspect", "--model", path, "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    #expect(object?["parameters"] as? Int == 2926)
  }

  @Test("models and clusters list the presets")
  func listings() throws {
    let models = try ShardlineBinary.run(["models"])
    #expect(models.output.contains("gpt-39b"))
    #expect(models.output.contains("39.1 B"))
    let clusters = try ShardlineBinary.run(["clusters", "--json"])
    let rows =
      try JSONSerialization.jsonObject(with: Data(clusters.output.utf8)) as? [[String: Any]]
    #expect(rows?.contains { $0["name"] as? String == "p3.16xlarge" } == true)
  }
}
