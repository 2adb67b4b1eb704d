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

  @Test("--trace writes the measured timeline as Chrome trace JSON naming the stages")
  func trace() throws {
    let path = try Self.planned.get()
    let tracePath = path.replacingOccurrences(of: "plan.json", with: "run-trace.json")
    let result = try ShardlineBinary.run(["run", path, "--steps", "2", "--trace", tracePath])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("written to \(tracePath)"))
    let data = try Data(contentsOf: URL(fileURLWithPath: tracePath))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let events = try #require(object?["traceEvents"] as? [[String: Any]])
    let processNames = events.filter { $0["name"] as? String == "process_name" }
      .compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
    #expect(processNames.contains("stage 0"))
    let slices = events.filter { $0["ph"] as? String == "X" }.compactMap { $0["name"] as? String }
    #expect(slices.contains("F0") && slices.contains("B1") && slices.contains("update"))
  }

  @Test("--trace for a run that fails writes nothing, and the error is one line")
  func traceOfFailedRun() throws {
    let path = try Self.planned.get()
    let tracePath = path + ".missing-trace.json"
    let result = try ShardlineBinary.run(["run", path + ".missing", "--trace", tracePath])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1)
    #expect(!FileManager.default.fileExists(atPath: tracePath))
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

  @Test("a Wide-ResNet plan, convolutions and batch norm included, runs and verifies")
  func wideResNet() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("wresnet.json").path
    let planned = try ShardlineBinary.run([
      "plan", "--model", "wresnet-tiny", "--optimizer", "sgd", "--no-cache", "--microbatches", "1",
      "-o", path,
    ])
    try #require(planned.status == 0, "\(planned.error)")
    let result = try ShardlineBinary.run(["run", path, "--verify"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("verify: the loss and"), "\(result.output)")
  }

  @Test("--verify of a batch-norm model in several microbatches is refused with one line")
  func batchNormMicrobatches() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-run-bn-\(UUID().uuidString).json").path
    let planned = try ShardlineBinary.run([
      "plan", "--model", "wresnet-tiny", "--optimizer", "sgd", "--no-cache", "--microbatches", "2",
      "-o", path,
    ])
    try #require(planned.status == 0, "\(planned.error)")
    let result = try ShardlineBinary.run(["run", path, "--verify"])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("batch norm"), "\(result.error)")
  }

  @Test("a device made to fail ends the run with one line naming it; no hang")
  func failingDevice() throws {
    let path = try Self.planned.get()
    let result = try ShardlineBinary.run(["run", path, "--steps", "2", "--fail-device", "d1@4"])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("step 1: "), "\(result.error)")
    #expect(result.error.contains("d1 failed: failure injected at call 4"), "\(result.error)")
    let unknown = try ShardlineBinary.run(["run", path, "--fail-device", "d99@0"])
    #expect(unknown.errorLines.count == 1 && unknown.error.contains("no device d99"))
    let malformed = try ShardlineBinary.run(["run", path, "--fail-device", "three"])
    #expect(malformed.status != 0 && malformed.error.contains("expected dN@K"))
  }
}
