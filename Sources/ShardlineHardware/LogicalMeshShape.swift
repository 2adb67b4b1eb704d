/// The shape (n0, n1) of a 2-D logical view of a submesh. Axis 0 has ``rows`` devices per group and
/// axis 1 has ``columns``: the device at (i, j) is the submesh's device i·n1 + j (row-major).
public struct LogicalMeshShape: Sendable, Codable, Hashable, CustomStringConvertible {
  /// Size of axis 0 (n0).
  public let rows: Int
  /// Size of axis 1 (n1).
  public let columns: Int

  /// Creates an n0 × n1 shape; both sizes must be at least 1.
  public init(rows: Int, columns: Int) {
    precondition(rows >= 1 && columns >= 1, "a logical mesh needs at least one device")
    self.rows = rows
    self.columns = columns
  }

  /// Devices in the view: n0·n1.
  public var deviceCount: Int { rows * columns }

  /// The size of `axis` (0 or 1).
  public func size(ofAxis axis: Int) -> Int {
    precondition(axis == 0 || axis == 1, "a logical mesh has axes 0 and 1")
    return axis == 0 ? rows : columns
  }

  /// `4×4`.
  public var description: String { "\(rows)×\(columns)" }
}
