/// How the initial value of a graph input is drawn, so that any graph can be run from a seed.
///
/// JSON form: `{"kind": "zeros"}`, `{"kind": "constant", "value": 1}`,
/// `{"kind": "normal", "stddev": 0.02}`, `{"kind": "integers", "upperBound": 51200}`.
public enum Initializer: Hashable, Sendable {
  /// Every element zero (biases, optimizer moments).
  case zeros
  /// Every element the given value (layer-norm scales).
  case constant(Double)
  /// Independent normal draws with mean 0 and the given standard deviation (weights).
  case normal(stddev: Double)
  /// Uniform integers in `0..<upperBound` (token ids, labels).
  case integers(upperBound: Int)
}

extension Initializer: Codable {
  private enum CodingKeys: String, CodingKey { case kind, value, stddev, upperBound }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decode(String.self, forKey: .kind)
    switch kind {
    case "zeros": self = .zeros
    case "constant": self = .constant(try c.decode(Double.self, forKey: .value))
    case "normal": self = .normal(stddev: try c.decode(Double.self, forKey: .stddev))
    case "integers": self = .integers(upperBound: try c.decode(Int.self, forKey: .upperBound))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .kind, in: c,
        debugDescription: "unknown initializer '\(kind)' (known: zeros, constant, normal, integers)"
      )
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .zeros:
      try c.encode("zeros", forKey: .kind)
    case .constant(let value):
      try c.encode("constant", forKey: .kind)
      try c.encode(value, forKey: .value)
    case .normal(let stddev):
      try c.encode("normal", forKey: .kind)
      try c.encode(stddev, forKey: .stddev)
    case .integers(let upperBound):
      try c.encode("integers", forKey: .kind)
      try c.encode(upperBound, forKey: .upperBound)
    }
  }
}
