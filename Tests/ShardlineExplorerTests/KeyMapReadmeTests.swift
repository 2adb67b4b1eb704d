import Foundation
import ShardlineExplorer
import Testing

/// The README's key map is the key table itself: a stale copy fails here, and
/// `shardline explore --print-keys` prints the current one.
@Suite("README key map")
struct KeyMapReadmeTests {
  @Test("the README lists exactly the bindings of the key table")
  func readmeIsCurrent() throws {
    let readme = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let begin = try #require(text.range(of: "<!-- keys:begin -->\n"))
    let end = try #require(text.range(of: "\n<!-- keys:end -->"))
    let listed = String(text[begin.upperBound..<end.lowerBound])
    #expect(
      listed == KeyMap.markdown(),
      "README.md's key map is stale: replace it with `shardline explore --print-keys`")
  }
}
