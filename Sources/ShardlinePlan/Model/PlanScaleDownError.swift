/// Why a plan cannot be scaled down by a factor (see ``Plan/scaledDown(by:)``), with the
/// factors that would work.
public struct PlanScaleDownError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The factor asked for.
  public var factor: Int
  /// The first size or decision the factor breaks, naming the dimension and the constraint.
  public var reason: String
  /// The factors above 1 that keep the plan valid, ascending (checked on the model's sizes, the
  /// microbatches and every op's result sharding).
  public var validFactors: [Int]
  /// The divisors of the batch that fit with ``factor``, ascending (empty when ``factor`` does
  /// not fit the model's sizes).
  public var validBatchFactors: [Int]

  /// Creates an error.
  public init(factor: Int, reason: String, validFactors: [Int], validBatchFactors: [Int] = []) {
    self.factor = factor
    self.reason = reason
    self.validFactors = validFactors
    self.validBatchFactors = validBatchFactors
  }

  /// One line: the reason, then the factors that fit.
  public var description: String {
    var line = "cannot scale the plan down by \(factor): \(reason); "
    line +=
      validFactors.isEmpty
      ? "no factor above 1 fits this plan"
      : "factors that fit this plan: \(Self.list(validFactors))"
    if !validBatchFactors.isEmpty {
      line += "; batch divisors that fit a factor of \(factor): \(Self.list(validBatchFactors))"
    }
    return line
  }

  /// `1, 2, 4`.
  private static func list(_ factors: [Int]) -> String {
    factors.map(String.init).joined(separator: ", ")
  }
}
