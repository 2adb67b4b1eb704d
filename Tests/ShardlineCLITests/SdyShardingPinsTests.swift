import Foundation
import ShardlineTestSupport
import Testing

@Suite("sdy.sharding annotations as pins")
struct SdyShardingPinsTests {
  private let step = SampleFiles.path("jax/fixtures/mlp_sharded.mlir")

  /// The row of `op` in a `shard --all` table, split into columns.
  private func row(_ op: String, in output: String) -> [Substring]? {
    output.split(separator: "\n").map { $0.split(separator: " ") }.first {
      $0.first == Substring(op)
    }
  }

  @Test("shard on the annotations' 2x4 mesh pins every annotated argument")
  func shardPins() throws {
    let result = try ShardlineBinary.run(["shard", "--model", step, "--mesh", "2x4", "--all"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.errorLines.contains("8 of 8 sdy.sharding annotations pinned"))
    for (op, spec) in [
      ("params.w1", "RS1"), ("params.w2", "S1R"), ("params.b1", "S1"), ("x", "S0R"),
    ] {
      #expect(row(op, in: result.output)?.dropFirst(2).first == Substring(spec), "\(op)")
    }
  }

  @Test("an explicit --pin wins over the annotation of its op")
  func explicitWins() throws {
    let result = try ShardlineBinary.run([
      "shard", "--model", step, "--mesh", "2x4", "--all", "--pin", "params.w1=RR",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(
      result.errorLines.contains(
        "7 of 8 sdy.sharding annotations pinned; 1 skipped: overridden by --pin"))
    #expect(row("params.w1", in: result.output)?.dropFirst(2).first == "RR")
  }

  @Test("shard on another mesh skips the annotations and says why; the flag turns them off")
  func shardSkips() throws {
    let skipped = try ShardlineBinary.run(["shard", "--model", step, "--mesh", "1x8"])
    #expect(skipped.status == 0, "\(skipped.error)")
    #expect(
      skipped.errorLines.contains(
        "0 of 8 sdy.sharding annotations pinned; 8 skipped: the mesh is 1×8, the annotations' "
          + "mesh is data=2×model=4"))
    let ignored = try ShardlineBinary.run([
      "shard", "--model", step, "--mesh", "2x4", "--ignore-sdy-shardings",
    ])
    #expect(ignored.status == 0, "\(ignored.error)")
    #expect(!ignored.error.contains("sdy.sharding"))
  }

  @Test("plan pins the annotations in the stage on a 2x4 mesh and re-solves it")
  func planPins() throws {
    let result = try ShardlineBinary.run([
      "plan", "--model", step, "--layers", "1", "--no-cache", "--logical-shape", "2x4", "--json",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.errorLines.contains("8 of 8 sdy.sharding annotations pinned"))
    let file = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
    let plan = file?["plan"] as? [String: Any]
    let stages = plan?["stages"] as? [[String: Any]] ?? []
    let ops = stages.flatMap { $0["ops"] as? [[String: Any]] ?? [] }
    let w1 = ops.first { $0["name"] as? String == "params.w1" }
    #expect(w1?["spec"] as? String == "RS1")
    #expect(w1?["pinned"] as? Bool == true)
    #expect(ops.filter { $0["pinned"] as? Bool == true }.count == 8)
  }

  @Test("plan on another mesh skips the annotations; --ignore-sdy-shardings is silent")
  func planSkips() throws {
    let skipped = try ShardlineBinary.run([
      "plan", "--model", step, "--layers", "1", "--no-cache", "--logical-shape", "1x8",
    ])
    #expect(skipped.status == 0, "\(skipped.error)")
    #expect(
      skipped.errorLines.contains(
        "0 of 8 sdy.sharding annotations pinned; 8 skipped: stage 0's mesh is 1×8, the "
          + "annotations' mesh is data=2×model=4"))
    let ignored = try ShardlineBinary.run([
      "plan", "--model", step, "--layers", "1", "--no-cache", "--ignore-sdy-shardings",
    ])
    #expect(ignored.status == 0, "\(ignored.error)")
    #expect(!ignored.error.contains("sdy.sharding"))
  }

  /// The fixture with its mesh made `data=2, model=3`, written to a temporary file.
  private func stepOnTwoByThree() throws -> URL {
    let text = try String(contentsOfFile: step, encoding: .utf8)
      .replacingOccurrences(of: "\"model\"=4", with: "\"model\"=3")
      .replacingOccurrences(of: "name = \"model\", size = 4", with: "name = \"model\", size = 3")
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("sdy-\(UUID().uuidString).mlir")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test("shard: a pinned spec the parameter's shape does not divide is one error line")
  func shardIndivisible() throws {
    let file = try stepOnTwoByThree()
    defer { try? FileManager.default.removeItem(at: file) }
    let result = try ShardlineBinary.run(["shard", "--model", file.path, "--mesh", "2x3"])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(
      result.errorLines.last?.hasPrefix(
        "Error: the sdy.sharding of params.b1 asks for S1 on the 2×3 mesh, which its shape [32] "
          + "cannot take") == true, "\(result.error)")
  }

  @Test("plan: a pinned spec the parameter's shape does not divide is one error line")
  func planIndivisible() throws {
    let file = try stepOnTwoByThree()
    let cluster = FileManager.default.temporaryDirectory
      .appendingPathComponent("sdy-\(UUID().uuidString).json")
    defer {
      try? FileManager.default.removeItem(at: file)
      try? FileManager.default.removeItem(at: cluster)
    }
    // One host of 6 devices, so that a stage can be viewed as 2×3.
    let preset = try ShardlineBinary.run(["clusters", "--show", "p3.16xlarge"])
    try preset.output.replacingOccurrences(
      of: "\"devicesPerHost\" : 8", with: "\"devicesPerHost\" : 6"
    )
    .write(to: cluster, atomically: true, encoding: .utf8)
    let result = try ShardlineBinary.run([
      "plan", "--model", file.path, "--cluster", cluster.path, "--layers", "1", "--no-cache",
      "--logical-shape", "2x3",
    ])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(
      result.errorLines.last?.hasPrefix(
        "Error: the sdy.sharding of params.b1 asks for S1 on stage 0's 2×3 mesh, which its shape "
          + "[32] cannot take") == true, "\(result.error)")
  }
}
