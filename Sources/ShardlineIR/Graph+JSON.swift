import Foundation

/// The versioned JSON form of a graph (documented in the README):
/// `{"format": "shardline.graph", "version": 1, "graph": {...}}` with keys sorted, so that the
/// same graph always serializes to the same bytes.
extension Graph {
  /// The `format` tag of graph files.
  public static let jsonFormat = "shardline.graph"
  /// The graph file version this build writes and reads.
  public static let jsonVersion = 1

  private struct Envelope: Codable {
    var format: String
    var version: Int
    var graph: Graph?
  }

  /// Serializes the graph to pretty-printed, key-sorted JSON.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return try encoder.encode(
      Envelope(format: Self.jsonFormat, version: Self.jsonVersion, graph: self))
  }

  /// Parses and validates a graph file.
  ///
  /// - Throws: ``IRError/malformedJSON(reason:)`` naming the JSON path at fault,
  ///   ``IRError/unsupportedVersion(found:supported:)``, or the error ``validate()`` finds.
  public init(jsonData data: Data) throws(IRError) {
    let decoder = JSONDecoder()
    let envelope: Envelope
    do {
      envelope = try decoder.decode(Envelope.self, from: data)
    } catch let error as DecodingError {
      throw .malformedJSON(reason: DecodingErrorDescription.describe(error))
    } catch {
      throw .malformedJSON(reason: "\(error)")
    }
    guard envelope.format == Self.jsonFormat else {
      throw .malformedJSON(reason: "format is '\(envelope.format)', expected '\(Self.jsonFormat)'")
    }
    guard envelope.version == Self.jsonVersion else {
      throw .unsupportedVersion(found: envelope.version, supported: Self.jsonVersion)
    }
    guard let graph = envelope.graph else { throw .malformedJSON(reason: "missing key 'graph'") }
    try graph.validate()
    self = graph
  }
}
