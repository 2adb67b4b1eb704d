import Foundation
import ShardlineIR

/// The versioned JSON form of a plan (documented in the README):
/// `{"format": "shardline.plan", "version": 1, "plan": {...}}`, keys sorted, so the same plan
/// always serializes to the same bytes.
extension Plan {
  /// The `format` tag of plan files.
  public static let jsonFormat = "shardline.plan"
  /// The plan file version this build writes and reads.
  public static let jsonVersion = 1

  private struct Envelope: Codable {
    var format: String
    var version: Int
    var plan: Plan?
  }

  /// Serializes the plan to pretty-printed, key-sorted JSON.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(
      Envelope(format: Self.jsonFormat, version: Self.jsonVersion, plan: self))
  }

  /// Parses a plan file.
  ///
  /// - Throws: ``PlanError/malformed(reason:)`` naming the JSON path at fault, another format,
  ///   or another version.
  public init(jsonData data: Data) throws(PlanError) {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let envelope: Envelope
    do {
      envelope = try decoder.decode(Envelope.self, from: data)
    } catch let error as DecodingError {
      throw .malformed(reason: DecodingErrorDescription.describe(error))
    } catch {
      throw .malformed(reason: "\(error)")
    }
    guard envelope.format == Self.jsonFormat else {
      throw .malformed(reason: "format is '\(envelope.format)', expected '\(Self.jsonFormat)'")
    }
    guard envelope.version == Self.jsonVersion else {
      throw .malformed(
        reason:
          "version \(envelope.version) is not supported (this build reads \(Self.jsonVersion))")
    }
    guard let plan = envelope.plan else { throw .malformed(reason: "missing key 'plan'") }
    self = plan
  }
}
