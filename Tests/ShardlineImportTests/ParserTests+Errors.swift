import ShardlineInterpreter
import Testing

@testable import ShardlineImport

@Suite struct ParserErrorTests {
  /// The error parsing `text` throws.
  private func failure(_ text: String) throws -> ImportError {
    try #require(throws: ImportError.self) { try StableHLOParser.parse(text) }
  }

  @Test("points at the offending token and names the op being read")
  func pointsAtOffendingToken() throws {
    let error = try failure(
      "func.func @f() {\n  %0 = stablehlo.add %a, %b : (tensor<4xf32>, tensor<4xf32>) -> }\n}")
    #expect(error.op == "stablehlo.add")
    #expect(error.location == SourceLocation(line: 2, column: 65))
  }

  @Test("reports numbers too large for an integer instead of trapping")
  func reportsOverflow() throws {
    let error = try failure(
      "func.func @f() {\n  %0 = stablehlo.transpose %a, dims = [99999999999999999999] : (tensor<f32>) -> tensor<f32>\n}"
    )
    #expect(error.op == "stablehlo.transpose")
    #expect(error.reason.contains("out of range"))
    _ = try failure("func.func @f(%a: tensor<99999999999999999999999xf32>) {\n}")
    _ = try failure(#"func.func @f() { %0 = "t.op"() {v = 0x1FFFFFFFF : f32} : () -> () }"#)
    _ = try failure(#"func.func @f() { %0 = "t.op"(%1#99999999999999999999) : () -> () }"#)
    _ = try failure(
      "func.func @f() { %a:9223372036854775807, %b:9223372036854775807 = stablehlo.add %x : tensor<f32> }"
    )
  }

  @Test("rejects garbage, unbalanced brackets, missing parts and nesting past the limit")
  func rejectsMalformedText() throws {
    for text in [
      "", "hello", "module {", "module { func.func @f() { %0 = } }", "}}}}",
      "module @m attributes {",
      "func.func @f() { %0:2 = stablehlo.add %a, %b : tensor<f32> }",
      "func.func @f() { %0 = stablehlo.constant 3 }",
      #"func.func @f() { %0 = "t.op"() {v = dense<"0xZZ"> : tensor<f32>} : () -> () }"#,
      "func.func @f() { %0 = " + String(repeating: "[", count: 5000),
      #"func.func @f() { "t.op"() {v = "# + String(repeating: "[", count: 100_000) + "1",
      "#loc1 = loc(\"a\"",
      "func.func @f() {" + String(repeating: #""t.op"() ({ "#, count: 1000),
      "func.func @f(%a: " + String(repeating: "tuple<", count: 1000),
    ] {
      _ = try failure(text)
    }
  }

  @Test("throws or returns for every truncation and corruption of real files, never trapping")
  func survivesTruncationAndCorruption() throws {
    let samples = [
      JAXSnippets.callWithDebugInfo, JAXSnippets.argmaxAndScatter, JAXSnippets.convolutionStep,
    ]
    var random = SplitMix64(seed: 7)
    var failures = 0
    var cases = 0
    for sample in samples {
      let bytes = Array(sample.utf8)
      for cut in stride(from: 0, to: bytes.count - 2, by: 5) {
        cases += 1
        if (try? StableHLOParser.parse(String(decoding: bytes[..<cut], as: UTF8.self))) == nil {
          failures += 1
        }
      }
      let replacements = Array("%#@^!\"(){}[]<>:,=-x0 9a\n".utf8)
      for _ in 0..<300 {
        var corrupted = bytes
        for _ in 0..<3 {
          corrupted[Int(random.next() % UInt64(corrupted.count))] =
            replacements[Int(random.next() % UInt64(replacements.count))]
        }
        cases += 1
        _ = try? StableHLOParser.parse(String(decoding: corrupted, as: UTF8.self))
      }
    }
    #expect(cases > 2000)
    #expect(failures > 0)
  }
}
