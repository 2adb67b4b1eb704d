import Foundation
import ShardlineTestSupport
import Testing

/// `shardline run --scale-down` and `--data`, through the real command on a plan `plan` wrote.
@Suite("run command: scaled-down rehearsals and corpus data")
struct RunCommandScaleDownTests {
  /// gpt-tiny at hidden 64, sequence 32 and batch 16, trained with SGD, planned with 2
  /// microbatches on a 2-host cluster of 4 V100s each, once per test run.
  private static let planned = Result<URL, any Error> {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-rehearse-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let cluster = directory.appendingPathComponent("v100-2x4.json")
    try Data(
      """
      {"name": "v100-2x4", "hostCount": 2, "host": {"device": "v100-sxm2-16gb",
       "devicesPerHost": 4,
       "intraHostLink": {"name": "NVLink2", "bandwidthBytesPerSecond": 130000000000,
                         "latencySeconds": 5e-06},
       "network": {"name": "25 Gb/s Ethernet", "nicCount": 1,
                   "nicBandwidthBytesPerSecond": 3125000000, "latencySeconds": 5e-05}}}
      """.utf8
    ).write(to: cluster)
    let plan = directory.appendingPathComponent("plan.json")
    let result = try ShardlineBinary.run([
      "plan", "--model", "gpt-tiny", "--hidden", "64", "--seq", "32", "--batch", "16",
      "--optimizer", "sgd", "--lr", "0.1", "--cluster", cluster.path, "--microbatches", "2",
      "--no-cache", "-o", plan.path,
    ])
    try #require(result.status == 0, "\(result.error)")
    return directory
  }

  @Test("a plan on 8 devices of 2 hosts rehearses scaled down by 2, verified")
  func verifiedRehearsal() throws {
    let plan = try Self.planned.get().appendingPathComponent("plan.json").path
    let result = try ShardlineBinary.run([
      "run", plan, "--backend", "cpu", "--scale-down", "2", "--steps", "2", "--verify",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(
      result.output.contains(
        "gpt-tiny scaled down 2× (batch 2×): GPT hidden 32, 2 layers, 4 heads, seq 16, "
          + "vocab 32, batch 8"))
    #expect(result.output.contains("on 8 CPU device(s), 2 microbatch(es)"))
    #expect(result.output.contains("verify: the loss and"))
  }

  @Test("a factor that does not fit fails with one line naming the size and the factors that fit")
  func unfitFactor() throws {
    let plan = try Self.planned.get().appendingPathComponent("plan.json").path
    let result = try ShardlineBinary.run(["run", plan, "--scale-down", "3"])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1)
    let line = String(result.errorLines.first ?? "")
    #expect(line.contains("hidden size 64 is not divisible by 3"))
    #expect(line.contains("factors that fit this plan: 2"))
  }

  @Test("--data trains on a text file's characters and prints the corpus and each step's loss")
  func corpusData() throws {
    let directory = try Self.planned.get()
    let corpus = directory.appendingPathComponent("cats.txt")
    try Data(String(repeating: "a cat sat on a mat. ", count: 40).utf8).write(to: corpus)
    let result = try ShardlineBinary.run([
      "run", directory.appendingPathComponent("plan.json").path, "--data", corpus.path,
      "--steps", "3",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("data: \(corpus.path), 800 characters, 9 distinct"))
    #expect(result.output.split(separator: "\n").filter { $0.hasPrefix("step ") }.count == 3)
    let empty = directory.appendingPathComponent("empty.txt")
    try Data().write(to: empty)
    let refused = try ShardlineBinary.run([
      "run", directory.appendingPathComponent("plan.json").path, "--data", empty.path,
    ])
    #expect(refused.status != 0)
    #expect(refused.errorLines == ["Error: --data \(empty.path): the corpus is empty"])
  }
}
