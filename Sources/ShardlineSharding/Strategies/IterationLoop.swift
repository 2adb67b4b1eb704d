/// One loop of an op's iteration space that a mesh axis may split (Alpa §4.1): the dimension it
/// runs over in the result and in each operand.
///
/// A matmul `[B,K]×[K,N]` has three: `B` (result dimension 0, lhs dimension 0), `N` (result
/// dimension 1, rhs dimension 1) and the contraction `K` (lhs dimension 1, rhs dimension 0, no
/// result dimension). Splitting a loop over a mesh axis splits every dimension it runs over;
/// an operand that does not vary along the loop is replicated over that axis.
struct IterationLoop: Sendable, Hashable {
  /// The result dimension the loop runs over, or `nil` when the loop is summed away.
  var output: Int?
  /// The dimension of each operand, in operand order, the loop runs over; `nil` for an operand
  /// that does not vary along it.
  var operands: [Int?]
  /// Whether splitting the loop leaves each device a partial sum of the result (a contraction,
  /// or a lookup into the device's own rows of a table).
  var isReduction: Bool
  /// Whether splitting the loop divides the op's work among the devices; `false` when every
  /// device still produces the whole result, as a vocabulary-split gather does.
  var dividesWork: Bool

  /// Creates a loop.
  init(output: Int?, operands: [Int?], isReduction: Bool = false, dividesWork: Bool = true) {
    self.output = output
    self.operands = operands
    self.isReduction = isReduction
    self.dividesWork = dividesWork
  }
}
