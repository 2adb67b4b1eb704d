import Foundation
import ShardlineTestSupport
import Testing

/// `shardline explore` refuses what it cannot open in one line, and says what to use instead
/// when there is no terminal (tests run with pipes, not a terminal).
@Suite("explore command")
struct ExploreCommandTests {
  @Test("a missing plan file is one error line and a non-zero exit")
  func missingFile() throws {
    let path = "/nonexistent-\(UUID().uuidString)/plan.json"
    let result = try ShardlineBinary.run(["explore", path])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("\(path): cannot read"), "\(result.error)")
  }

  @Test("a malformed plan file is one error line naming it")
  func malformedFile() throws {
    let url = try EvaluateCommandTests.scratch().appendingPathComponent("broken.json")
    try Data(#"{"format": "shardline.plan", "version": 1, "plan": {"stages": 3}}"#.utf8)
      .write(to: url)
    let result = try ShardlineBinary.run(["explore", url.path])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("\(url.path): "), "\(result.error)")
  }

  @Test("without a terminal it says what to use instead")
  func needsTerminal() throws {
    let planned = try EvaluateCommandTests.plannedFile()
    let result = try ShardlineBinary.run(["explore", planned.path])
    #expect(result.status != 0)
    #expect(
      result.errorLines == [
        "Error: explore needs a terminal; use `shardline plan` or `evaluate` for scripts"
      ], "\(result.error)")
  }

  @Test("the default sample needs a terminal too, and is not planned without one")
  func sampleNeedsTerminal() throws {
    let started = Date()
    let result = try ShardlineBinary.run(["explore", "--no-cache"])
    #expect(result.status != 0)
    #expect(result.error.contains("explore needs a terminal"), "\(result.error)")
    #expect(Date().timeIntervalSince(started) < 10)
  }

  @Test("output flags of plan are refused with what to do instead")
  func refusesOutputFlags() throws {
    let result = try ShardlineBinary.run(["explore", "--json"])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("explore saves plans with s"), "\(result.error)")
  }

  @Test("sample options do not apply to plan files")
  func sampleOptionsWithFiles() throws {
    let planned = try EvaluateCommandTests.plannedFile()
    let result = try ShardlineBinary.run(["explore", planned.path, "--cluster", "p3.16xlarge:2"])
    #expect(result.status != 0)
    #expect(result.errorLines.count == 1, "\(result.error)")
    #expect(result.error.contains("plan files bring their own"), "\(result.error)")
  }
}
