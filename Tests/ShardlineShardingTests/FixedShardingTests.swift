import ShardlineIR
import ShardlineSharding
import ShardlineSolver
import Testing

@Suite("Costing a given sharding")
struct FixedShardingTests {
  @Test(
    "re-costing the ILP's own decisions reproduces its plan exactly", arguments: [(1, 4), (2, 2)])
  func reproducesSolvedPlan(mesh: (Int, Int)) throws {
    let graph = try AutoShardingTests.mlp(batch: 64, hidden: 32)
    let context = ShardingFixtures.context(graph, mesh.0, mesh.1)
    let solved = try AutoSharding(context: context, solver: CBCSolver()).solve(ShardingRequest())
    let decisions = Dictionary(
      uniqueKeysWithValues: solved.ops.map {
        ($0.node, FixedSharding.Decision(strategy: $0.strategy, spec: $0.spec))
      })
    let given = try FixedSharding(context: context).evaluate(decisions)
    #expect(given.ops.map(\.spec) == solved.ops.map(\.spec))
    #expect(abs(given.totalSeconds - solved.totalSeconds) <= 1e-12 * solved.totalSeconds)
    #expect(given.peakMemoryBytesPerDevice == solved.peakMemoryBytesPerDevice)
    #expect(given.solver.status == "given")
  }

  @Test("a strategy the op does not have is named with the ones it has")
  func unknownStrategy() throws {
    let graph = try AutoShardingTests.mlp(batch: 64, hidden: 32)
    let context = ShardingFixtures.context(graph, 1, 4)
    let solved = try AutoSharding(context: context, solver: CBCSolver()).solve(ShardingRequest())
    var decisions = Dictionary(
      uniqueKeysWithValues: solved.ops.map {
        ($0.node, FixedSharding.Decision(strategy: $0.strategy, spec: $0.spec))
      })
    let dot = try #require(solved.ops.first { $0.name.hasSuffix("fc1/linear/dot_general") })
    decisions[dot.node] = FixedSharding.Decision(strategy: "no such strategy", spec: dot.spec)
    #expect(throws: ShardingError.self) { try FixedSharding(context: context).evaluate(decisions) }
    decisions[dot.node] = nil
    do {
      _ = try FixedSharding(context: context).evaluate(decisions)
      Issue.record("a missing decision was accepted")
    } catch {
      #expect("\(error)".contains("fc1/linear/dot_general"))
    }
  }
}
