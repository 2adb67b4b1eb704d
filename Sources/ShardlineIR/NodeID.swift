/// Identifies a node in a ``Graph``: its position in the graph's topologically ordered node list.
public struct NodeID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
  CustomStringConvertible
{
  /// The node's index in ``Graph/nodes``.
  public var rawValue: Int

  /// Wraps an index.
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Wraps an index.
  public init(_ rawValue: Int) { self.rawValue = rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(Int.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// `%12`, as StableHLO names values.
  public var description: String { "%\(rawValue)" }
}
