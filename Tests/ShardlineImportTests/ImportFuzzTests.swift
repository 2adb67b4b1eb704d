import Foundation
import ShardlineIR
import ShardlineImport
import ShardlineInterpreter
import ShardlineTestSupport
import Testing

/// Truncated and mutated fixtures through the whole import, parser and converter: each ends in
/// an ``ImportError`` or a graph that validates, never a crash or a hang.
@Suite("Mutated fixtures import or fail cleanly")
struct ImportFuzzTests {
  /// The outcome of importing `text`: `true` for a valid graph, `false` for an ImportError.
  /// Any other error fails the test.
  private func importOrFail(_ text: String, _ context: @autoclosure () -> String) -> Bool {
    do {
      let graph = try StableHLOImporter.importModule(StableHLOParser.parse(text)).graph
      #expect(throws: Never.self, "\(context())") { try graph.validate() }
      return true
    } catch {
      return false
    }
  }

  @Test(
    "truncations and byte mutations of each fixture end in an error or a valid graph",
    arguments: ["mlp", "moe", "convnet", "gpt_scan"])
  func mutations(name: String) throws {
    let bytes = Array(
      try String(contentsOfFile: SampleFiles.path("jax/fixtures/\(name).mlir"), encoding: .utf8)
        .utf8)
    var random = SplitMix64(seed: UInt64(name.utf8.count))
    var imported = 0
    var failed = 0
    // Cuts at random places, most of them inside the function body.
    for _ in 0..<40 {
      let cut = Int(random.uniform(below: UInt64(bytes.count)))
      let text = String(decoding: bytes[..<cut], as: UTF8.self)
      if importOrFail(text, "\(name) cut at \(cut)") { imported += 1 } else { failed += 1 }
    }
    // A few bytes replaced by syntax characters, digits and letters; a line deleted; a line
    // duplicated (a value defined twice, an op repeated).
    let replacements = Array("%#@!\"(){}[]<>:,=-x019fi \n".utf8)
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    for round in 0..<60 {
      var mutated = bytes
      switch round % 3 {
      case 0:
        for _ in 0..<3 {
          mutated[Int(random.uniform(below: UInt64(mutated.count)))] =
            replacements[Int(random.uniform(below: UInt64(replacements.count)))]
        }
      case 1:
        var kept = lines
        kept.remove(at: Int(random.uniform(below: UInt64(kept.count))))
        mutated = Array(kept.joined(separator: [UInt8(ascii: "\n")]))
      default:
        var doubled = lines
        let line = Int(random.uniform(below: UInt64(doubled.count)))
        doubled.insert(doubled[line], at: line)
        mutated = Array(doubled.joined(separator: [UInt8(ascii: "\n")]))
      }
      let text = String(decoding: mutated, as: UTF8.self)
      if importOrFail(text, "\(name) mutation \(round)") { imported += 1 } else { failed += 1 }
    }
    #expect(failed > 0)
    #expect(imported + failed == 100)
  }
}
