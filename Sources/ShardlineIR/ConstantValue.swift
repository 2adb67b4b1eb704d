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

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let value = try container.decodeIfPresent(Double.self, forKey: .splat) {
      self = .splat(value)
    } else {
      self = .dense(try container.decode([Double].self, forKey: .dense))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .splat(let value): try container.encode(value, forKey: .splat)
    case .dense(let values): try container.encode(values, forKey: .dense)
    }
  }
}
