import Foundation
import ShardlineTestSupport
import Testing

@Suite("shardline baseline")
struct BaselineCommandTests {
  @Test("zero2 prints the plan summary with its one data-parallel stage and method")
  func zero2() throws {
    let result = try ShardlineBinary.run([
      "baseline", "--kind", "zero2", "--model", "gpt-tiny", "--no-cache", "--microbatches", "2",
    ])
    #expect(result.status == 0, "\(result.error)")
    for text in ["embed…head", "8×1", "1 stages, 2 microbatches", "search       zero2: "] {
      #expect(result.output.contains(text), "missing '\(text)' in\n\(result.output)")
    }
  }

  @Test("-o writes a plan file that records the baseline as its method")
  func output() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-baseline-\(UUID().uuidString).json").path
    let result = try ShardlineBinary.run([
      "baseline", "--kind", "zero3", "--model", "mlp-tiny", "--no-cache", "--microbatches", "2",
      "-o", path,
    ])
    #expect(result.status == 0, "\(result.error)")
    let object =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
      as? [String: Any]
    let plan = object?["plan"] as? [String: Any]
    let search = plan?["search"] as? [String: Any]
    #expect(search?["method"] as? String == "zero3", "\(object ?? [:])")
  }

  @Test("an unknown kind, or a baseline that does not apply, gives one error line")
  func errors() throws {
    let cases: [([String], [String])] = [
      (["--kind", "fsdp"], ["unknown baseline 'fsdp'", "megatron", "deepspeed-moe", "pp-dp"]),
      (["--kind", "deepspeed-moe"], ["deepspeed-moe applies to MoE models", "gpt-tiny"]),
      (["--kind", "inter-op-only"], ["a layer per device", "4 layers for 8 devices"]),
    ]
    for (arguments, fragments) in cases {
      let result = try ShardlineBinary.run(
        ["baseline", "--model", "gpt-tiny", "--no-cache"] + arguments)
      #expect(result.status != 0, "\(arguments)")
      #expect(result.errorLines.count == 1, "\(arguments): \(result.error)")
      let line = String(result.errorLines.first ?? "")
      #expect(line.hasPrefix("Error: "), "\(arguments): \(result.error)")
      for fragment in fragments {
        #expect(line.contains(fragment), "'\(line)' does not mention '\(fragment)'")
      }
    }
  }
}
