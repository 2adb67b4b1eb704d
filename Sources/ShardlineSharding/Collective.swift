import ShardlineHardware

/// One collective a plan implies: its kind, the mesh axes it runs over, its size and time.
public struct Collective: Hashable, Sendable, Codable, CustomStringConvertible {
  /// All-reduce, all-gather, reduce-scatter, all-to-all or send/recv.
  public var kind: CollectiveKind
  /// The logical mesh axes whose groups take part (`[0, 1]` for the whole mesh).
  public var axes: [Int]
  /// The byte count B of the α-β formula, as ``CollectiveKind`` defines it per kind.
  public var bytes: Double
  /// Estimated time, in seconds.
  public var seconds: Double

  /// Creates a record of a collective.
  public init(kind: CollectiveKind, axes: [Int], bytes: Double, seconds: Double) {
    self.kind = kind
    self.axes = axes
    self.bytes = bytes
    self.seconds = seconds
  }

  /// `all-reduce over axis 1, 8.0 MiB`.
  public var description: String {
    let name =
      switch kind {
      case .allReduce: "all-reduce"
      case .allGather: "all-gather"
      case .reduceScatter: "reduce-scatter"
      case .allToAll: "all-to-all"
      case .sendRecv: "send/recv"
      }
    let over =
      axes.count == 1 ? "axis \(axes[0])" : "axes \(axes.map(String.init).joined(separator: ","))"
    return "\(name) over \(over), \(Int(bytes)) B"
  }
}
