/// A solver-free check of an assignment against a ``ShardingILP``: what it breaks and what it
/// costs.
///
/// Produced by ``ILPSolution/evaluate(against:)``. Costs of out-of-range choices count as zero
/// (the violation says so); everything else is summed in node, edge and row order, so the same
/// assignment always gives bit-identical totals.
public struct ILPEvaluation: Sendable, Hashable {
  /// One way an assignment breaks the problem.
  public enum Violation: Sendable, Hashable {
    /// The assignment has `actual` entries for a problem of `expected` nodes.
    case wrongLength(expected: Int, actual: Int)
    /// `node` chose `index`, but it has only `strategyCount` strategies.
    case indexOutOfRange(node: Int, index: Int, strategyCount: Int)
    /// `node` is pinned to `pinned` but chose `chosen`.
    case pinIgnored(node: Int, pinned: Int, chosen: Int)
    /// The alias at `alias` joins nodes that chose different indices.
    case aliasBroken(alias: Int, first: Int, second: Int)
    /// Memory row `row` (labelled `label`) holds `bytesOver` more bytes than its budget.
    case memoryExceeded(row: Int, label: String, bytesOver: Double)
  }

  /// Every violation found, in the order nodes, aliases, memory rows; empty when feasible.
  public var violations: [Violation]
  /// Σ_v c_v[s_v], in seconds.
  public var nodeCostSeconds: Double
  /// Σ_(u,v) R_uv[s_u, s_v], in seconds.
  public var edgeCostSeconds: Double
  /// Bytes per device of each memory row under the assignment, in row order.
  public var memoryBytes: [Double]

  /// Node plus edge cost, in seconds.
  public var totalSeconds: Double { nodeCostSeconds + edgeCostSeconds }

  /// Whether the assignment satisfies every pin, alias and memory row.
  public var isFeasible: Bool { violations.isEmpty }

  /// Creates an evaluation.
  public init(
    violations: [Violation], nodeCostSeconds: Double, edgeCostSeconds: Double,
    memoryBytes: [Double]
  ) {
    self.violations = violations
    self.nodeCostSeconds = nodeCostSeconds
    self.edgeCostSeconds = edgeCostSeconds
    self.memoryBytes = memoryBytes
  }
}
