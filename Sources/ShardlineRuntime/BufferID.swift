/// A program's name for a buffer on its device: the result of one instruction, read by later ones.
///
/// Names are chosen by whoever writes the ``DeviceProgram`` (the lowering), before any buffer
/// exists; ``Execution`` maps each to the ``DeviceBuffer`` the backend returns. A name may be
/// reused after the buffer it named was freed.
public struct BufferID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
  CustomStringConvertible
{
  /// The buffer number, unique among a program's live buffers.
  public var rawValue: Int

  /// Wraps a buffer number.
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// Wraps a buffer number.
  public init(_ rawValue: Int) { self.rawValue = rawValue }

  /// Orders by buffer number.
  public static func < (lhs: BufferID, rhs: BufferID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// `b3`.
  public var description: String { "b\(rawValue)" }
}
