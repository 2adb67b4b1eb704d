/// Identifies a device of a cluster, numbered host-major: device `d` of host `h` in a cluster of
/// `M` devices per host is `h·M + d`.
public struct DeviceID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
  CustomStringConvertible
{
  /// The host-major device number.
  public var rawValue: Int

  /// Wraps a device number.
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Wraps a device number.
  public init(_ rawValue: Int) { self.rawValue = rawValue }

  /// Decodes a bare number.
  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(Int.self)
  }

  /// Encodes a bare number.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  /// Orders by device number.
  public static func < (lhs: DeviceID, rhs: DeviceID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// `d12`.
  public var description: String { "d\(rawValue)" }
}
