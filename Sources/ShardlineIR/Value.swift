/// A value being built: a node id with its result type, as returned by ``GraphBuilder``.
public struct Value: Hashable, Sendable, CustomStringConvertible {
  /// The node producing the value.
  public var id: NodeID
  /// The value's type.
  public var type: TensorType

  /// Wraps a node id and its type.
  public init(id: NodeID, type: TensorType) {
    self.id = id
    self.type = type
  }

  /// The value's shape.
  public var shape: [Int] { type.shape }

  /// The value's element type.
  public var dtype: DType { type.dtype }

  /// The value's rank.
  public var rank: Int { type.rank }

  public var description: String { "\(id): \(type)" }
}
