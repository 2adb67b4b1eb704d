import Foundation
import ShardlineExplorer
import Testing

/// Compares what `buffer` shows (its lines, trailing spaces removed) with
/// `Snapshots/<named>.txt` next to this file.
///
/// With `SHARDLINE_RECORD_SNAPSHOTS=1` in the environment it writes the file instead and records
/// a failure, so that a recording run never passes by accident.
func assertSnapshot(
  _ buffer: CellBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let actual = buffer.lines.joined(separator: "\n")
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots").appendingPathComponent("\(name).txt")
  if ProcessInfo.processInfo.environment["SHARDLINE_RECORD_SNAPSHOTS"] == "1" {
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data((actual + "\n").utf8).write(to: url)
      Issue.record(
        "recorded snapshot \(name); rerun without SHARDLINE_RECORD_SNAPSHOTS",
        sourceLocation: sourceLocation)
    } catch {
      Issue.record("cannot record snapshot \(name): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard let data = FileManager.default.contents(atPath: url.path) else {
    Issue.record(
      "no snapshot \(name) at \(url.path); record it with SHARDLINE_RECORD_SNAPSHOTS=1",
      sourceLocation: sourceLocation)
    return
  }
  var expected = String(decoding: data, as: UTF8.self)
  if expected.hasSuffix("\n") { expected.removeLast() }
  #expect(
    actual == expected, "snapshot \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
}

/// Expects every cell of `buffer` outside `area` to be blank: a view drew only where it was
/// told to.
func expectBlank(
  _ buffer: CellBuffer, outside area: Rect, sourceLocation: SourceLocation = #_sourceLocation
) {
  for row in 0..<buffer.height {
    for column in 0..<buffer.width where !area.contains(column: column, row: row) {
      #expect(buffer[column, row] == .blank, sourceLocation: sourceLocation)
    }
  }
}
