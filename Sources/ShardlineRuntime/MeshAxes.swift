/// The axes of a 2-D logical mesh a collective runs along.
public enum MeshAxes: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
  /// Axis 0: each group is one column of the mesh, n0 devices.
  case axis0
  /// Axis 1: each group is one row of the mesh, n1 devices.
  case axis1
  /// Both axes: one group of all n0·n1 devices, in row-major order.
  case both

  /// `0`, `1` or `01`, as sharding specs write mesh axes.
  public var description: String {
    switch self {
    case .axis0: "0"
    case .axis1: "1"
    case .both: "01"
    }
  }
}
