/// How one tensor dimension is split over the two axes of a logical mesh (Alpa's notation).
public enum DimSharding: String, Hashable, Sendable, CaseIterable, Codable {
  /// Not split: every device holds the whole dimension (`R`).
  case replicated = "R"
  /// Split over mesh axis 0 (`S0`).
  case axis0 = "S0"
  /// Split over mesh axis 1 (`S1`).
  case axis1 = "S1"
  /// Split over both axes, axis 0 major (`S01`).
  case both = "S01"

  /// The mesh axes the dimension is split over, in order.
  public var axes: [Int] {
    switch self {
    case .replicated: []
    case .axis0: [0]
    case .axis1: [1]
    case .both: [0, 1]
    }
  }

  /// The sharding that splits over exactly `axes` (in order), if there is one.
  public init?(axes: [Int]) {
    switch axes {
    case []: self = .replicated
    case [0]: self = .axis0
    case [1]: self = .axis1
    case [0, 1]: self = .both
    default: return nil
    }
  }
}
