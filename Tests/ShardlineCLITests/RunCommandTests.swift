import Foundation
import ShardlineTestSupport
import Testing

/// `shardline run` trains what `plan` wrote on CPU devices, verifies it against the reference
/// interpreter, and refuses what it cannot run with one line.
@Suite("run command")
struct RunCommandTests {
  /// `plan --model mlp-tiny --no-cache --microbatches 2 -o plan.json`, run once per test run.
  private static let planned = Result<String, any Error> {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("plan.json").path
    let result = try ShardlineBinary.run([
      "plan", "--model", "mlp-tiny", "--no-cache", "--microbatches", "2", "-o", path,
    ])
    try #require(result.status == 0, "\(result.error)")
    return path
  }

  @Test("two verified steps print each step's loss and stage times, and the loss falls")
  func verifiedSteps() throws {
    let path = try Self.planned.get()
    let result = try ShardlineBinary.run([
      "run", path, "--backend", "cpu", "--steps", "2", "--seed", "3", "--verify",
    ])
    #expect(result.status == 0, "\(result.error)")
    let lines = result.output.split(separator: "\n")
    let losses = lines.filter { $0.hasPrefix("step ") }.compactMap { line -> Double? in
      guard let range = line.range(of: "loss ") else { return nil }
      return Double(line[range.upperBound...].prefix { $0 != "," })
    }
    #expect(losses.count == 2)
    #expect(losses.count == 2 && losses[1] < losses[0])
    #expect(lines.contains { $0.hasPrefix("verify: the loss and") })
    #expect(lines.contains { $0.hasPrefix("  stage 0: computing") })
  }

  @Test("an unknown backend and an unreadable plan each fail with one line")
  func refusals() throws {
    let path = try Self.planned.get()
    let backend = try ShardlineBinary.run(["run", path, "--backend", "cuda"])
    #expect(backend.status != 0)
    #expect(backend.errorLines.first?.contains("unknown backend 'cuda'") == true)
    let missing = try ShardlineBinary.run(["run", path + ".missing"])
    #expect(missing.status != 0)
    #expect(missing.errorLines.count == 1)
  }

  @Test("a plan with an op the lowering cannot run fails with one line naming it")
  func unsupportedOp() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("wresnet.json").path
    let planned = try ShardlineBinary.run([
      "plan", "--model", "wresnet-tiny", "--optimizer", "sgd", "--no-cache", "--microbatches", "2",
      "-o", path,
    ])
    try #require(planned.status == 0, "\(planned.error)")
    let result = try ShardlineBinary.run(["run", path])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1)
    #expect(result.errorLines.first?.contains("cannot lower") == true)
  }
}
