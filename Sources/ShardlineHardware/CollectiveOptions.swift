/// Choices in how collectives are priced.
public struct CollectiveOptions: Sendable, Codable, Hashable {
  /// Whether to multiply the all-to-all bandwidth term by n/2, as Alpa does to match its V100
  /// measurements (Alpa's `all_to_all_cost` penalty factor). The ideal formula assumes full
  /// bisection bandwidth, which rings and hybrid cube meshes do not have. Default `true`, to agree
  /// with Alpa's plans; set `false` on fully switched fabrics (NVSwitch) to price the ideal.
  public var appliesAlpaAllToAllPenalty: Bool

  /// Creates options; every field has a default.
  public init(appliesAlpaAllToAllPenalty: Bool = true) {
    self.appliesAlpaAllToAllPenalty = appliesAlpaAllToAllPenalty
  }
}
