import Foundation
import ShardlineTestSupport
import Testing

/// `shardline run` on broken plan files: each ends with one error line naming what is wrong and
/// a non-zero exit, never a crash or a hang.
@Suite("run command: malformed plans")
struct RunCommandErrorTests {
  /// A valid mlp-tiny plan in 2 microbatches, its file's bytes, planned once per test run.
  private static let planned = Result<Data, any Error> {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-run-errors-\(UUID().uuidString).json").path
    let result = try ShardlineBinary.run([
      "plan", "--model", "mlp-tiny", "--no-cache", "--microbatches", "2", "-o", path,
    ])
    try #require(result.status == 0, "\(result.error)")
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  /// Writes `plan`'s file after `edit` changes its `plan` object, runs one step of it and
  /// returns the result.
  private func run(
    _ name: String, editing edit: (inout [String: Any]) -> Void
  ) throws -> ShardlineBinary.Result {
    var file = try #require(
      try JSONSerialization.jsonObject(with: Self.planned.get()) as? [String: Any])
    var plan = try #require(file["plan"] as? [String: Any])
    edit(&plan)
    file["plan"] = plan
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-\(name)-\(UUID().uuidString).json").path
    try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: path))
    return try ShardlineBinary.run(["run", path, "--steps", "1"])
  }

  /// Applies `edit` to stage `index` of `plan`.
  private static func editStage(
    _ plan: inout [String: Any], _ index: Int, _ edit: (inout [String: Any]) -> Void
  ) {
    var stages = plan["stages"] as! [[String: Any]]
    edit(&stages[index])
    plan["stages"] = stages
  }

  @Test(
    "a broken plan fails with one line naming the problem",
    arguments: [
      ("outside", "device d90 is not in the cluster"),
      ("shape", "2 devices for submesh 1×2 and logical mesh 3×5"),
      ("spec", "is not a sharding 'dense0/x' can take"),
      ("model", "the plan was made for another graph"),
      ("microbatches", "does not split into 3 microbatches"),
      ("layers", "stage 1: covers layers"),
    ])
  func brokenPlan(problem: String, message: String) throws {
    let result = try run(problem) { plan in
      switch problem {
      case "outside":
        Self.editStage(&plan, 0) { $0["devices"] = [90, 91] }
      case "shape":
        Self.editStage(&plan, 0) { $0["logicalShape"] = ["rows": 3, "columns": 5] }
      case "spec":
        Self.editStage(&plan, 0) { stage in
          var ops = stage["ops"] as! [[String: Any]]
          ops[0]["spec"] = "S0"
          stage["ops"] = ops
        }
      case "model":
        var model = plan["model"] as! [String: Any]
        var config = model["config"] as! [String: Any]
        var mlp = config["mlp"] as! [String: Any]
        var fields = mlp["_0"] as! [String: Any]
        fields["hiddenSizes"] = [64, 32]
        mlp["_0"] = fields
        config["mlp"] = mlp
        model["config"] = config
        plan["model"] = model
      case "microbatches":
        plan["microbatches"] = 3
      default:
        Self.editStage(&plan, 1) { $0["firstLayer"] = 0 }
      }
    }
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains(message), "\(result.error)")
  }

  @Test("a truncated plan file fails with one line saying it is not a readable plan")
  func truncated() throws {
    let data = try Self.planned.get()
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-truncated-\(UUID().uuidString).json").path
    try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
    let result = try ShardlineBinary.run(["run", path])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("not a readable plan"), "\(result.error)")
  }

  @Test("a plan too large for this machine at full size is refused with one line, unallocated")
  func tooLarge() throws {
    let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Samples/plans/gpt-39b-64gpu.json").standardized.path
    let result = try ShardlineBinary.run(["run", sample, "--steps", "1"])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("of host memory"), "\(result.error)")
    #expect(result.error.contains("rehearse it scaled down"), "\(result.error)")
  }
}
