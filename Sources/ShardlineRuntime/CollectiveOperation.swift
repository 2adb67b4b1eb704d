import ShardlineHardware
import ShardlineIR

/// A collective operation every member of a ``DeviceGroup`` calls with a tensor of the same type.
///
/// With n members of rank 0..<n, each holding a tensor `x_r`:
/// - ``allReduce``: every member ends with Σ_r x_r.
/// - ``allGather(dimension:)``: every member ends with x_0, …, x_{n−1} concatenated along
///   `dimension` (n times as large there).
/// - ``reduceScatter(dimension:)``: member r ends with slice r of Σ_r x_r cut into n equal
///   parts along `dimension`.
/// - ``allToAll(splitDimension:concatDimension:)``: each member cuts its tensor into n equal
///   parts along `splitDimension` and sends part j to member j; member j ends with the parts it
///   received concatenated in rank order along `concatDimension`.
public enum CollectiveOperation: Hashable, Codable, Sendable, CustomStringConvertible {
  /// Element-wise sum over the group; the shape is unchanged.
  case allReduce
  /// Concatenation of every member's tensor along a dimension.
  case allGather(dimension: Int)
  /// The element-wise sum, of which each member keeps its 1/n slice along a dimension.
  case reduceScatter(dimension: Int)
  /// An exchange: split along one dimension, concatenate the received parts along another.
  case allToAll(splitDimension: Int, concatDimension: Int)

  /// The communication pattern, as the cost model prices it.
  public var kind: CollectiveKind {
    switch self {
    case .allReduce: .allReduce
    case .allGather: .allGather
    case .reduceScatter: .reduceScatter
    case .allToAll: .allToAll
    }
  }

  /// The type every member ends with, given the type each contributes and the group size.
  ///
  /// - Parameters:
  ///   - operand: The type of each member's tensor.
  ///   - groupSize: The number of members, n.
  /// - Returns: The result type, or `nil` when a dimension is out of range or a split one does
  ///   not divide into n equal parts.
  public func resultType(of operand: TensorType, groupSize: Int) -> TensorType? {
    var shape = operand.shape
    func valid(_ dimension: Int, divisible: Bool) -> Bool {
      dimension >= 0 && dimension < shape.count
        && (!divisible || shape[dimension] % groupSize == 0)
    }
    switch self {
    case .allReduce:
      break
    case .allGather(let dimension):
      guard valid(dimension, divisible: false) else { return nil }
      shape[dimension] *= groupSize
    case .reduceScatter(let dimension):
      guard valid(dimension, divisible: true) else { return nil }
      shape[dimension] /= groupSize
    case .allToAll(let split, let concat):
      guard valid(split, divisible: true), valid(concat, divisible: false) else { return nil }
      shape[split] /= groupSize
      shape[concat] *= groupSize
    }
    return operand.with(shape: shape)
  }

  /// `all_reduce`, `all_gather(1)`, `reduce_scatter(0)`, `all_to_all(0→1)`.
  public var description: String {
    switch self {
    case .allReduce: "all_reduce"
    case .allGather(let dimension): "all_gather(\(dimension))"
    case .reduceScatter(let dimension): "reduce_scatter(\(dimension))"
    case .allToAll(let split, let concat): "all_to_all(\(split)→\(concat))"
    }
  }
}
