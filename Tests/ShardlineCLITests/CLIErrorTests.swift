import Foundation
import ShardlineTestSupport
import Testing

/// Bad input ends in one clear error line and a non-zero exit, never a crash.
@Suite("Command-line errors")
struct CLIErrorTests {
  static func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static let badShapeGraph = #"""
    {"format": "shardline.graph", "version": 1, "graph": {"name": "bad", "inputs": [{"node": 0, "role": "parameter"}], "outputs": [],
     "nodes": [
      {"id": 0, "op": {"kind": "parameter"}, "operands": [], "type": {"shape": [2, 3], "dtype": "f32"}, "name": "a", "phase": "forward"},
      {"id": 1, "op": {"kind": "dot_general", "dot": {"lhsBatch": [], "rhsBatch": [], "lhsContracting": [0], "rhsContracting": [1]}},
       "operands": [0, 0], "type": {"shape": [3, 2], "dtype": "f32"}, "name": "layer0/mm", "phase": "forward"}]}}
    """#

  static func expectOneLineError(_ arguments: [String], mentioning fragments: [String]) throws {
    let result = try ShardlineBinary.run(arguments)
    #expect(result.status != 0, "\(arguments) exited 0")
    #expect(result.errorLines.count == 1, "stderr: \(result.error)")
    let line = String(result.errorLines.first ?? "")
    #expect(line.hasPrefix("Error: "), "stderr: \(result.error)")
    for fragment in fragments {
      #expect(line.contains(fragment), "'\(line)' does not mention '\(fragment)'")
    }
  }

  @Test("an unknown model preset lists the known ones")
  func unknownPreset() throws {
    try Self.expectOneLineError(
      ["inspect", "--model", "gpt-9000"], mentioning: ["unknown model 'gpt-9000'", "gpt-1.3b"])
  }

  @Test("an unknown cluster preset and a bad host count are named")
  func badClusters() throws {
    try Self.expectOneLineError(
      ["inspect", "--cluster", "p5.48xlarge"], mentioning: ["'p5.48xlarge'", "p3.16xlarge"])
    try Self.expectOneLineError(
      ["inspect", "--cluster", "p3.16xlarge:zero"], mentioning: ["host count 'zero'"])
    try Self.expectOneLineError(
      ["inspect", "--cluster", "p3.16xlarge:0"], mentioning: ["host count '0'"])
  }

  @Test("a malformed cluster file names the key at fault")
  func badClusterFile() throws {
    let path = try Self.temporaryFile("cluster.json", #"{"name": "x", "hostCount": 2}"#)
    try Self.expectOneLineError(["inspect", "--cluster", path], mentioning: [path, "host"])
  }

  @Test("malformed graph JSON names the file")
  func malformedGraph() throws {
    let path = try Self.temporaryFile(
      "graph.json", #"{"format": "shardline.graph", "version": 1, "graph": {"name": 3}}"#)
    try Self.expectOneLineError(["inspect", "--model", path], mentioning: [path, "graph.name"])
  }

  @Test("a graph whose shapes do not fit names the op")
  func badShapes() throws {
    let path = try Self.temporaryFile("graph.json", Self.badShapeGraph)
    try Self.expectOneLineError(
      ["inspect", "--model", path],
      mentioning: ["dot_general 'layer0/mm'", "contracting sizes differ"])
  }

  @Test("impossible model sizes and inapplicable options are refused")
  func badOverrides() throws {
    try Self.expectOneLineError(
      ["inspect", "--model", "gpt-tiny", "--heads", "5"], mentioning: ["5 heads", "hidden size 32"])
    try Self.expectOneLineError(
      ["inspect", "--model", "gpt-tiny", "--experts", "4"], mentioning: ["'experts'", "GPT"])
    try Self.expectOneLineError(
      ["inspect", "--model", "gpt-tiny", "--dtype", "i32"], mentioning: ["'i32'"])
  }

  @Test("a missing graph file is named")
  func missingFile() throws {
    try Self.expectOneLineError(
      ["inspect", "--model", "/nonexistent/graph.json"], mentioning: ["/nonexistent/graph.json"])
  }
}
