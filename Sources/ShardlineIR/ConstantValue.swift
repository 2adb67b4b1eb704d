/// The value of a `constant`: one value for every element, or every element listed.
///
/// Values are held as `Double`, which represents every `f32`, `f16`, `bf16`, `i32` and `i1` value
/// exactly and `i64` values up to 2^53.
public enum ConstantValue: Hashable, Sendable, Codable {
  /// Every element has this value.
  case splat(Double)
  /// The elements in row-major order; the count equals the type's element count.
  case dense([Double])

  private enum CodingKeys: String, CodingKey { case splat, dense }

  /// Reads `{"splat": 1.5}` or `{"dense": [1, 2]}`; a value may also be `"nan"`, `"inf"` or
  /// `"-inf"` (see ``encode(to:)``).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let value = try container.decodeIfPresent(JSONNumber.self, forKey: .splat) {
      self = .splat(value.value)
    } else {
      self = .dense(try container.decode([JSONNumber].self, forKey: .dense).map(\.value))
    }
  }

  /// Writes finite values as JSON numbers and the others, which JSON has no numbers for, as
  /// the strings `"nan"`, `"inf"` and `"-inf"` (imported steps fill with NaN and −∞).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .splat(let value): try container.encode(JSONNumber(value), forKey: .splat)
    case .dense(let values): try container.encode(values.map(JSONNumber.init), forKey: .dense)
    }
  }
}

/// A `Double` in JSON: a number when finite, else `"nan"`, `"inf"` or `"-inf"`.
private struct JSONNumber: Codable {
  var value: Double

  init(_ value: Double) { self.value = value }

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Double.self) {
      value = number
      return
    }
    switch try container.decode(String.self) {
    case "nan": value = .nan
    case "inf": value = .infinity
    case "-inf": value = -.infinity
    case let other:
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(other)' is not a number, \"nan\", \"inf\" or \"-inf\"")
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if value.isFinite {
      try container.encode(value)
    } else {
      try container.encode(value.isNaN ? "nan" : value > 0 ? "inf" : "-inf")
    }
  }
}
