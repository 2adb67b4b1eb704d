import ShardlineSolver

/// Hand-built problems shared by every solver's tests, with their expected answers.
enum ILPFixtures {
  static let gib = 1_073_741_824.0

  /// Both backends, for `@Test(arguments:)`.
  enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case cbc, exhaustive
    var solver: any ILPSolver { self == .cbc ? CBCSolver() : ExhaustiveSolver() }
    var description: String { rawValue }
  }

  /// A → B → C, where each node's cheapest strategy (0, 0, 1) pays 10 on B → C.
  ///
  /// Greedy [0, 0, 1]: 1 + 1 + 1 + R_AB(0,0) 0 + R_BC(0,1) 10 = 13.
  /// Best [1, 1, 1]: 2 + 3 + 1 + R_AB(1,1) 0 + R_BC(1,1) 0 = 6.
  static func chain(pinA: Int? = nil) -> ShardingILP {
    ShardingILP(
      nodes: [
        .init(costs: [1, 2], pinned: pinA, label: "A"), .init(costs: [1, 3], label: "B"),
        .init(costs: [5, 1], label: "C"),
      ],
      edges: [
        .init(from: 0, to: 1, costs: [0, 4, 4, 0]), .init(from: 1, to: 2, costs: [10, 10, 10, 0]),
      ])
  }

  /// Four nodes in a cycle A → B → C → D → A with three strategies each: no leaf, so presolve
  /// leaves all of it to the backend. Edges cost 2 when indices differ and 0 when equal.
  ///
  /// All 0: 0 + 3 + 3 + 3 = 9; all 1: 3 + 0 + 3 + 3 = 9; all 2: 1 + 1 + 1 + 1 = 4 (best);
  /// mixed choices pay at least two mismatched edges (4) on top of node costs ≥ 0 + 0 + 1 + 1.
  static func cycle() -> ShardingILP {
    let mismatch: [Double] = [0, 2, 2, 2, 0, 2, 2, 2, 0]
    return ShardingILP(
      nodes: [
        .init(costs: [0, 3, 1], label: "A"), .init(costs: [3, 0, 1], label: "B"),
        .init(costs: [3, 3, 1], label: "C"), .init(costs: [3, 3, 1], label: "D"),
      ],
      edges: [
        .init(from: 0, to: 1, costs: mismatch), .init(from: 1, to: 2, costs: mismatch),
        .init(from: 2, to: 3, costs: mismatch), .init(from: 3, to: 0, costs: mismatch),
      ])
  }

  /// Two unconnected nodes X [1, 5] and Y [4, 1] aliased: both 0 costs 1 + 4 = 5, both 1 costs
  /// 5 + 1 = 6, so [0, 0] at 5 (unaliased, [0, 1] would cost 2).
  static func aliased() -> ShardingILP {
    ShardingILP(
      nodes: [.init(costs: [1, 5], label: "X"), .init(costs: [4, 1], label: "Y")],
      aliases: [.init(first: 0, second: 1)])
  }

  /// A [1, 2] and B [1, 2.5], each 8 or 4 GiB, rows "after A" (A only) and "after B" (A + B).
  ///
  /// With 12 GiB: [0, 0] needs 16 GiB; [0, 1] fits (12) at 1 + 2.5 = 3.5; [1, 0] fits at 2 + 1 = 3
  /// (best); [1, 1] fits (8) at 4.5. With 6 GiB nothing fits: the least memory is [1, 1] with
  /// 4 GiB after A and 8 GiB after B, so 8 GiB at "after B".
  static func memory(budgetGiB: Double) -> ShardingILP {
    ShardingILP(
      nodes: [.init(costs: [1, 2], label: "A"), .init(costs: [1, 2.5], label: "B")],
      memoryRows: [
        .init(
          terms: [.init(node: 0, bytes: [8 * gib, 4 * gib])], budgetBytes: budgetGiB * gib,
          label: "after A"),
        .init(
          terms: [
            .init(node: 0, bytes: [8 * gib, 4 * gib]), .init(node: 1, bytes: [8 * gib, 4 * gib]),
          ],
          budgetBytes: budgetGiB * gib, label: "after B"),
      ])
  }
}
