import Foundation
import ShardlineTestSupport
import Testing

@Suite("shardline plan")
struct PlanCommandTests {
  @Test("a plan prints its stages, pipeline, iteration and search lines")
  func summary() throws {
    let result = try ShardlineBinary.run([
      "plan", "--model", "gpt-tiny", "--no-cache", "--microbatches", "2",
    ])
    #expect(result.status == 0, "\(result.error)")
    for text in ["stage", "layers", "pipeline", "2 microbatches of 2", "iteration", "shardline: "] {
      #expect(result.output.contains(text), "missing '\(text)' in\n\(result.output)")
    }
  }

  @Test("impossible requests are one error line naming what is wrong")
  func errors() throws {
    let cases: [([String], String)] = [
      (["--microbatches", "3"], "a global batch of 4 does not split into 3 microbatches"),
      (["--layers", "zero"], "bad --layers 'zero'"),
      (["--schedule", "interleaved-1f1b"], "interleaved 1F1B needs stages that share device"),
      (["--memory-fraction", "1.5"], "bad --memory-fraction"),
      (["--logical-shape", "2by4"], "bad --logical-shape '2by4'"),
      (["--logical-shape", "2x3"], "no submesh of p3.16xlarge has 6 devices"),
    ]
    for (flags, message) in cases {
      let result = try ShardlineBinary.run(
        ["plan", "--model", "gpt-tiny", "--no-cache"] + flags)
      #expect(result.status != 0, "\(flags) succeeded")
      let lines = result.error.split(separator: "\n").filter { $0.hasPrefix("Error:") }
      #expect(lines.count == 1, "\(flags): \(result.error)")
      #expect(result.error.contains(message), "\(flags): \(result.error)")
    }
  }
}
