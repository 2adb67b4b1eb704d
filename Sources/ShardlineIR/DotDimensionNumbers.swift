/// Which dimensions of a `dot_general`'s operands are batch and contracting dimensions.
///
/// The result's dimensions are, in order: the batch dimensions, the remaining ("free") dimensions
/// of the left operand, then the free dimensions of the right operand (StableHLO semantics).
public struct DotDimensionNumbers: Hashable, Codable, Sendable {
  /// Batch dimensions of the left operand.
  public var lhsBatch: [Int]
  /// Batch dimensions of the right operand, paired with ``lhsBatch``.
  public var rhsBatch: [Int]
  /// Contracting dimensions of the left operand.
  public var lhsContracting: [Int]
  /// Contracting dimensions of the right operand, paired with ``lhsContracting``.
  public var rhsContracting: [Int]

  /// Creates dimension numbers.
  public init(
    lhsBatch: [Int] = [], rhsBatch: [Int] = [], lhsContracting: [Int], rhsContracting: [Int]
  ) {
    self.lhsBatch = lhsBatch
    self.rhsBatch = rhsBatch
    self.lhsContracting = lhsContracting
    self.rhsContracting = rhsContracting
  }

  /// Free (neither batch nor contracting) dimensions of the left operand of rank `rank`, in order.
  public func lhsFree(rank: Int) -> [Int] {
    (0..<rank).filter { !lhsBatch.contains($0) && !lhsContracting.contains($0) }
  }

  /// Free dimensions of the right operand of rank `rank`, in order.
  public func rhsFree(rank: Int) -> [Int] {
    (0..<rank).filter { !rhsBatch.contains($0) && !rhsContracting.contains($0) }
  }
}
