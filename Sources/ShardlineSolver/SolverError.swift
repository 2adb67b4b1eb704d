/// Why an ``ILPSolver`` returned no solution.
///
/// Every case carries enough context for the CLI to print one clear line; the wording of
/// ``Infeasibility`` is the message itself.
public enum SolverError: Error, Sendable, Hashable {
  /// No assignment satisfies the pins, aliases and memory rows.
  case infeasible(reason: Infeasibility)
  /// The time limit passed before any feasible assignment was found.
  ///
  /// `seconds` is the limit that was in force.
  case timeLimitWithoutSolution(seconds: Double)
  /// The problem or the limits are malformed (wrong vector lengths, indices out of range, NaN
  /// costs, aliases between nodes with different strategy counts, …); `reason` says which.
  case invalidProblem(reason: String)
  /// The backend failed in a way the problem does not explain (numerical trouble, an
  /// inconsistent answer); `status` is the backend's own status, spelled out.
  case backendFailure(status: String)

  /// What makes a problem infeasible.
  public enum Infeasibility: Sendable, Hashable, CustomStringConvertible {
    /// Even the least-memory assignment overflows a memory row.
    ///
    /// `row` is the label of the row that is fullest under the assignment minimizing the largest
    /// row (see ``CBCSolver/minimumFeasibleBudget(_:limits:)``), `budgetBytes` is that row's
    /// bound and `neededBytes` the smallest budget, in bytes per device, that any assignment fits.
    case memory(row: String, budgetBytes: Double, neededBytes: Double)
    /// Two nodes joined by a chain of aliases are pinned to different strategies.
    case conflictingPins(first: String, firstPin: Int, second: String, secondPin: Int)

    /// The message, such as `per-device memory budget 14.0 GiB cannot be met: the best
    /// assignment needs 17.3 GiB at after block3/mlp`.
    public var description: String {
      switch self {
      case .memory(let row, let budgetBytes, let neededBytes):
        return "per-device memory budget \(Self.gibibytes(budgetBytes, .toNearestOrAwayFromZero)) "
          + "cannot be met: the best assignment needs \(Self.gibibytes(neededBytes, .up)) at \(row)"
      case .conflictingPins(let first, let firstPin, let second, let secondPin):
        return "\(first) is pinned to strategy \(firstPin) but is aliased to \(second), "
          + "pinned to strategy \(secondPin)"
      }
    }

    /// Formats bytes as GiB with one decimal (`17.3 GiB`) without Foundation; needed sizes round
    /// up so that the quoted figure is always enough.
    static func gibibytes(_ bytes: Double, _ rule: FloatingPointRoundingRule) -> String {
      let tenths = (max(bytes, 0) / 1_073_741_824 * 10).rounded(rule)
      let whole = Int(tenths) / 10
      let fraction = Int(tenths) % 10
      return "\(whole).\(fraction) GiB"
    }
  }
}
