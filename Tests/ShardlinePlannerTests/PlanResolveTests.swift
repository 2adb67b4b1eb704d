import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlinePlanner
import ShardlineSharding
import Testing

/// Re-solving planned and edited plans: the intra-op ILP of some stages around pinned ops, or
/// the whole search with the pins carried over.
@Suite("Planner.resolve")
struct PlanResolveTests {
  /// A planner with the fixtures' options and its own (empty) profile store.
  static func planner() -> Planner {
    Planner(options: PlannerOptions(microbatches: .count(2)), cacheDirectory: nil)
  }

  /// Whether `a` and `b` agree to within `tolerance`, relatively.
  static func close(_ a: Double?, _ b: Double?, tolerance: Double = 1e-9) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  /// Checks that `resolved` has `plan`'s stages and decisions, and its iteration time.
  static func expectSame(_ resolved: Plan, as plan: Plan) throws {
    #expect(resolved.stages.count == plan.stages.count)
    for (mine, theirs) in zip(resolved.stages, plan.stages) {
      #expect(mine.layers == theirs.layers)
      #expect(mine.devices == theirs.devices && mine.logicalShape == theirs.logicalShape)
      #expect(mine.ops == theirs.ops)
      #expect(close(mine.searchEstimateSeconds, theirs.searchEstimateSeconds))
      #expect(close(mine.searchEstimatePeakBytes, theirs.searchEstimatePeakBytes))
    }
    let estimate = try #require(resolved.estimate)
    #expect(estimate.isValid, "\(estimate.issues)")
    #expect(close(estimate.iterationSeconds, plan.estimate?.iterationSeconds))
  }

  @Test("re-solving a planned plan's sharding finds the plan it was")
  func unpinned() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let resolved = try Self.planner().resolve(
      fixture.plan, of: fixture.source, scope: .sharding(stages: nil))
    try Self.expectSame(resolved, as: fixture.plan)
    #expect(
      resolved.search.notes.last == "re-solved the sharding of every stage around 0 pinned ops")
    #expect(resolved.search.ilpSolves > fixture.plan.search.ilpSolves)
  }

  @Test("a moved boundary's decisions are those a re-solve of the moved plan finds")
  func movedBoundary() throws {
    let fixture = try PlannedTwoStageGPT.fixture()
    let moved = try fixture.plan.applying(
      .moveBoundary(stage: 0, layers: 1), evaluator: fixture.evaluator)
    let resolved = try Self.planner().resolve(
      moved, of: fixture.source, scope: .sharding(stages: nil))
    #expect(resolved.stages.map(\.ops) == moved.stages.map(\.ops))
  }

  @Test("re-solving around a pin keeps it and never prices worse than the pin left unsolved")
  func pinned() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let (stage, op, other) = try PlanEditTests.unchosenMatmulStrategy()
    let edited = try fixture.plan.applying(
      .pin(node: op.node, strategy: other.name, spec: other.output), evaluator: fixture.evaluator)
    let unsolved = try PlanEvaluator(graph: fixture.graph).evaluate(edited)
    let resolved = try Self.planner().resolve(
      edited, of: fixture.source, scope: .sharding(stages: [stage]))
    let kept = try #require(resolved.stages[stage].ops.first { $0.node == op.node })
    #expect(kept.pinned && kept.strategy == other.name && kept.spec == other.output)
    #expect(resolved.stages[stage].ops.filter(\.pinned).count == 1)
    for index in resolved.stages.indices where index != stage {
      #expect(resolved.stages[index] == edited.stages[index])
    }
    let estimate = try #require(resolved.estimate)
    #expect(estimate.isValid, "\(estimate.issues)")
    #expect(estimate.iterationSeconds <= unsolved.iterationSeconds * (1 + 1e-12))
    #expect(
      resolved.search.notes.last == "re-solved the sharding of stage \(stage) around 1 pinned op")
  }

  @Test("a pinned block is solved on its own: the identical unpinned block keeps its decisions")
  func pinnedBlockNotShared() throws {
    let fixture = try PlannedTwoStageGPT.fixture()
    let stage = 1
    let ops = fixture.plan.stages[stage].ops
    let fc1 = try #require(ops.first { $0.name == "block2/mlp/fc1/dot_general" })
    let twin = try #require(ops.first { $0.name == "block3/mlp/fc1/dot_general" })
    let strategies = try StageStrategies.strategies(
      of: fc1.node, in: fixture.plan, stage: stage, graph: fixture.graph)
    let other = try #require(strategies.first { $0.output != fc1.spec && !$0.output.isPartial })
    let edited = try fixture.plan.applying(
      .pin(node: fc1.node, strategy: other.name, spec: other.output), evaluator: fixture.evaluator)
    let planner = Self.planner()
    let resolved = try planner.resolve(
      edited, of: fixture.source, scope: .sharding(stages: [stage]))
    let after = resolved.stages[stage].ops
    #expect(after.first { $0.node == fc1.node }?.strategy == other.name)
    let block3 = { (ops: [PlanOp]) in ops.filter { $0.name.hasPrefix("block3/") } }
    #expect(block3(after) == block3(ops))
    #expect(after.first { $0.node == twin.node } == twin)
    // The same planner, asked again without the pin, finds the planned stage.
    let unpinned = try planner.resolve(
      fixture.plan, of: fixture.source, scope: .sharding(stages: [stage]))
    #expect(unpinned.stages[stage].ops == ops)
  }

  @Test("a view the decisions do not fit is fixed by re-solving its stage")
  func newView() throws {
    let fixture = try PlannedGPTTiny.fixture()
    // The embedding's 4 devices seen as 1×4: its weights split over axis 0 no longer divide.
    let edited = try fixture.plan.applying(
      .setLogicalShape(stage: 0, LogicalMeshShape(rows: 1, columns: 4)),
      evaluator: fixture.evaluator)
    let issues = try PlanEvaluator(graph: fixture.graph).evaluate(edited).issues
    #expect(issues.map(\.kind) == [.sharding] && issues.map(\.stage) == [0], "\(issues)")
    let resolved = try Self.planner().resolve(
      edited, of: fixture.source, scope: .sharding(stages: [0]))
    let estimate = try #require(resolved.estimate)
    #expect(estimate.isValid, "\(estimate.issues)")
    #expect(resolved.stages[0].logicalShape == LogicalMeshShape(rows: 1, columns: 4))
    #expect(resolved.stages[0].searchEstimateSeconds != nil)
  }

  @Test("a cancelled flag stops a re-solve before it solves anything")
  func cancelled() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let flag = CancellationFlag()
    flag.cancel()
    #expect(flag.isCancelled)
    for scope in [ResolveScope.sharding(stages: nil), .stagesAndSharding] {
      do {
        _ = try Self.planner().resolve(
          fixture.plan, of: fixture.source, scope: scope, cancellation: flag)
        Issue.record("\(scope) was not cancelled")
      } catch .cancelled {
        #expect(PlannerError.cancelled.description == "the search was cancelled")
      } catch {
        Issue.record("\(scope) threw \(error)")
      }
    }
  }

  @Test("a flag cancelled while the search runs stops it")
  func cancelledDuringSearch() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let flag = CancellationFlag()
    do {
      _ = try Self.planner().resolve(
        fixture.plan, of: fixture.source, scope: .stagesAndSharding, cancellation: flag,
        progress: { _ in flag.cancel() })
      Issue.record("the search was not cancelled")
    } catch .cancelled {
    } catch {
      Issue.record("threw \(error)")
    }
  }

  @Test("a stage not in the plan is an error")
  func missingStage() throws {
    let fixture = try PlannedGPTTiny.fixture()
    #expect(throws: PlannerError.self) {
      try Self.planner().resolve(fixture.plan, of: fixture.source, scope: .sharding(stages: [9]))
    }
  }

  @Test("re-searching stages and sharding keeps a pin in the stage it lands in")
  func stagesAndSharding() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let (_, op, other) = try PlanEditTests.unchosenMatmulStrategy()
    let edited = try fixture.plan.applying(
      .pin(node: op.node, strategy: other.name, spec: other.output), evaluator: fixture.evaluator)
    let resolved = try Self.planner().resolve(
      edited, of: fixture.source, scope: .stagesAndSharding)
    let pin = try #require(edited.stages.flatMap(\.ops).first { $0.pinned })
    #expect(resolved.stages.flatMap(\.ops).filter(\.pinned) == [pin])
    let estimate = try #require(resolved.estimate)
    #expect(estimate.isValid, "\(estimate.issues)")
    #expect(
      resolved.search.notes.contains(
        "re-searched stages, submeshes, microbatches and sharding with the plan's layering"))
  }
}
