import Foundation
import ShardlineTestSupport
import Testing

/// `shardline evaluate` re-costs what `plan` wrote, refuses what it cannot read, and lists the
/// problems of a plan edited into one that cannot run.
@Suite("evaluate command")
struct EvaluateCommandTests {
  /// A scratch directory of its own for each use.
  static func scratch() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-evaluate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// Why the shared plan file could not be made.
  struct PlanFailed: Error {
    /// What `plan` printed on standard error.
    let error: String
  }

  /// `plan --model gpt-tiny --no-cache --microbatches 2 -o plan.json`, run once per test run:
  /// the file and what `plan` printed.
  private static let planned = Result<(path: String, output: String), any Error> {
    let path = try scratch().appendingPathComponent("plan.json").path
    let result = try ShardlineBinary.run([
      "plan", "--model", "gpt-tiny", "--no-cache", "--microbatches", "2", "-o", path,
    ])
    guard result.status == 0 else { throw PlanFailed(error: result.error) }
    return (path, result.output)
  }

  static func plannedFile() throws -> (path: String, output: String) {
    let planned = try Self.planned.get()
    #expect(FileManager.default.fileExists(atPath: planned.path))
    return planned
  }

  /// The line of `output` that starts with `label`.
  static func line(_ label: String, in output: String) -> String? {
    output.split(separator: "\n").first { $0.hasPrefix(label) }.map(String.init)
  }

  /// Writes the planned file with its `plan` object changed by `edit`, and returns its path.
  static func editedPlan(_ edit: (inout [String: Any]) throws -> Void) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: plannedFile().path))
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var plan = try #require(object["plan"] as? [String: Any])
    try edit(&plan)
    object["plan"] = plan
    let url = try scratch().appendingPathComponent("edited.json")
    try JSONSerialization.data(withJSONObject: object).write(to: url)
    return url.path
  }

  @Test("a plan read back prints the iteration time plan printed")
  func sameIterationTime() throws {
    let planned = try Self.plannedFile()
    let result = try ShardlineBinary.run(["evaluate", planned.path])
    #expect(result.status == 0, "\(result.error)")
    let expected = try #require(Self.line("iteration", in: planned.output))
    #expect(Self.line("iteration", in: result.output) == expected, "\(result.output)")
    #expect(Self.line("pipeline", in: result.output) == Self.line("pipeline", in: planned.output))
  }

  @Test("--json prints the re-costed plan file")
  func json() throws {
    let result = try ShardlineBinary.run(["evaluate", try Self.plannedFile().path, "--json"])
    #expect(result.status == 0, "\(result.error)")
    let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    #expect(object?["format"] as? String == "shardline.plan")
    let plan = object?["plan"] as? [String: Any]
    let estimate = plan?["estimate"] as? [String: Any]
    #expect((estimate?["issues"] as? [Any])?.isEmpty == true)
  }

  @Test("--trace writes Chrome trace JSON")
  func trace() throws {
    let path = try Self.scratch().appendingPathComponent("trace.json").path
    let result = try ShardlineBinary.run([
      "evaluate", try Self.plannedFile().path, "--trace", path,
    ])
    #expect(result.status == 0, "\(result.error)")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect((object?["traceEvents"] as? [Any])?.isEmpty == false)
  }

  @Test("a truncated plan file gives one error line naming it")
  func truncated() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: try Self.plannedFile().path))
    let url = try Self.scratch().appendingPathComponent("truncated.json")
    try data.prefix(data.count / 2).write(to: url)
    let result = try ShardlineBinary.run(["evaluate", url.path])
    #expect(result.status == 1)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(
      result.errorLines.first?.hasPrefix("Error: \(url.path): not a readable plan: top level: ")
        == true, "\(result.error)")
  }

  @Test("a missing plan file gives one error line naming it")
  func missing() throws {
    let path = try Self.scratch().appendingPathComponent("absent.json").path
    let result = try ShardlineBinary.run(["evaluate", path])
    #expect(result.status == 1)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.errorLines.first?.hasPrefix("Error: \(path): cannot read") == true)
  }

  @Test("a plan edited to overflow memory lists the stages and exits non-zero")
  func memory() throws {
    let path = try Self.editedPlan { plan in
      var cluster = try #require(plan["cluster"] as? [String: Any])
      var host = try #require(cluster["host"] as? [String: Any])
      var device = try #require(host["device"] as? [String: Any])
      device["memoryBytes"] = 1024
      host["device"] = device
      cluster["host"] = host
      plan["cluster"] = cluster
    }
    let result = try ShardlineBinary.run(["evaluate", path])
    #expect(result.status == 1)
    let stages = result.output.split(separator: "\n").filter { $0.contains(": needs ") }
    #expect(!stages.isEmpty, "\(result.output)")
    #expect(stages.allSatisfy { $0.hasPrefix("  stage ") && $0.hasSuffix(" over") })
    #expect(
      Self.line("invalid", in: result.output) == "invalid      \(stages.count) problem(s):")
    #expect(result.errorLines == ["Error: the plan is invalid: \(stages.count) problem(s)"])
  }

  @Test("another --cluster than the plan's is refused")
  func otherCluster() throws {
    let planned = try Self.plannedFile()
    let same = try ShardlineBinary.run(["evaluate", planned.path, "--cluster", "p3.16xlarge"])
    #expect(same.status == 0, "\(same.error)")
    let other = try ShardlineBinary.run(["evaluate", planned.path, "--cluster", "p3.16xlarge:2"])
    #expect(other.status == 1)
    #expect(other.errorLines.count == 1, "\(other.error)")
    #expect(
      other.errorLines.first?.hasPrefix("Error: \(planned.path): the plan was made for cluster")
        == true)
  }

  @Test("a plan made from a graph file needs that file with --model")
  func graphFilePlan() throws {
    let directory = try Self.scratch()
    let graph = directory.appendingPathComponent("tiny.json").path
    let plan = directory.appendingPathComponent("plan.json").path
    #expect(try ShardlineBinary.run(["export", "--model", "mlp-tiny", "-o", graph]).status == 0)
    let planned = try ShardlineBinary.run([
      "plan", "--model", graph, "--no-cache", "--microbatches", "1", "-o", plan,
    ])
    #expect(planned.status == 0, "\(planned.error)")
    let without = try ShardlineBinary.run(["evaluate", plan])
    #expect(without.status == 1)
    #expect(
      without.errorLines == [
        "Error: \(plan) was made from the graph file tiny.json; give it with --model FILE"
      ])
    let with = try ShardlineBinary.run(["evaluate", plan, "--model", graph])
    #expect(with.status == 0, "\(with.error)")
    #expect(Self.line("iteration", in: with.output) == Self.line("iteration", in: planned.output))
  }
}
