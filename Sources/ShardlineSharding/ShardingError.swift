import ShardlineSolver

/// Why the intra-operator pass could not produce a plan.
public enum ShardingError: Error, Sendable, CustomStringConvertible {
  /// A pin names no op, or more than one.
  case unknownOp(name: String, reason: String)
  /// A pinned spec is not among the op's strategies; `available` lists those that are.
  case invalidPin(op: String, spec: String, available: [String])
  /// No assignment meets the per-device memory budget; `neededBytes` is the smallest that would,
  /// reached at `point`.
  case memoryBudgetTooSmall(budgetBytes: Double, neededBytes: Double, point: String)
  /// The solver failed for another reason.
  case solver(SolverError)

  public var description: String {
    switch self {
    case .unknownOp(let name, let reason): "cannot pin '\(name)': \(reason)"
    case .invalidPin(let op, let spec, let available):
      "'\(spec)' is not a sharding '\(op)' can take (it can take: \(available.joined(separator: ", ")))"
    case .memoryBudgetTooSmall(let budget, let needed, let point):
      "per-device memory budget \(Self.gib(budget)) cannot be met: the smallest budget that fits is "
        + "\(Self.gib(needed)) (\(point))"
    case .solver(let error): "\(error)"
    }
  }

  private static func gib(_ bytes: Double) -> String {
    let value = bytes / Double(1 << 30)
    return value >= 100 ? "\(Int(value.rounded())) GiB" : "\((value * 100).rounded() / 100) GiB"
  }
}
