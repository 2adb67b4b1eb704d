import Foundation
import ShardlineTestSupport
import Testing

@Suite("shardline shard")
struct ShardCommandTests {
  @Test("a data-parallel-friendly MLP prints its table, collectives and an optimal ILP")
  func table() throws {
    let result = try ShardlineBinary.run([
      "shard", "--model", "mlp-tiny", "--batch", "4096", "--hidden", "256", "--mesh", "1x8",
    ])
    #expect(result.status == 0, "\(result.error)")
    for text in [
      "dense0/linear/dot_general", "S1R", "all-reduce over axis 1", "ILP          optimal",
    ] {
      #expect(result.output.contains(text), "missing '\(text)'")
    }
  }

  @Test("bad meshes, modes, pins and budgets give one error line")
  func errors() throws {
    let cases: [([String], String)] = [
      (["--mesh", "3"], "bad mesh '3'"),
      (["--mesh", "4x4"], "needs 16 devices"),
      (["--mode", "fsdp"], "unknown mode 'fsdp'"),
      (["--pin", "nope=RR"], "cannot pin 'nope'"),
      (["--pin", "dense0/linear/w=S2R"], "bad sharding spec 'S2R'"),
      (["--memory-budget", "lots"], "bad memory budget 'lots'"),
      (["--memory-budget", "1KiB"], "smallest budget that fits"),
    ]
    for (arguments, fragment) in cases {
      let result = try ShardlineBinary.run(["shard", "--model", "mlp-tiny"] + arguments)
      #expect(result.status != 0, "\(arguments)")
      #expect(result.errorLines.count == 1, "\(arguments): \(result.error)")
      #expect(result.error.contains(fragment), "\(arguments): \(result.error)")
    }
  }
}
