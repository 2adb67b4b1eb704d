import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding
import Testing

/// Edits a person makes in the explorer, applied to planned gpt-tiny (4 stages of one layer:
/// embed on 1×4, block0 and block1 on 1×1 each, head on 1×2).
@Suite("Plan edits")
struct PlanEditTests {
  /// The fixture's plan after `edit`.
  static func edited(_ edit: PlanEdit) throws -> Plan {
    let fixture = try PlannedGPTTiny.fixture()
    return try fixture.plan.applying(edit, evaluator: fixture.evaluator)
  }

  /// What the evaluator finds wrong with `plan`.
  static func issues(of plan: Plan) throws -> [PlanIssue] {
    try PlanEvaluator(graph: PlannedGPTTiny.fixture().graph).evaluate(plan).issues
  }

  /// The head's LM-head matmul and a strategy of it the planner did not choose.
  static func unchosenMatmulStrategy() throws -> (stage: Int, op: PlanOp, other: ShardingStrategy) {
    let fixture = try PlannedGPTTiny.fixture()
    let stage = fixture.plan.stages.count - 1
    let op = try #require(
      fixture.plan.stages[stage].ops.first { $0.name == "head/lm_head/dot_general" })
    let strategies = try StageStrategies.strategies(
      of: op.node, in: fixture.plan, stage: stage, graph: fixture.graph)
    let other = try #require(strategies.first { $0.output != op.spec && !$0.output.isPartial })
    return (stage, op, other)
  }

  @Test("pinning an op sets its strategy and spec, marks it pinned and forgets stale figures")
  func pin() throws {
    let (stage, op, other) = try Self.unchosenMatmulStrategy()
    let plan = try Self.edited(.pin(node: op.node, strategy: other.name, spec: other.output))
    let pinned = try #require(plan.stages[stage].ops.first { $0.node == op.node })
    #expect(pinned.pinned)
    #expect(pinned.strategy == other.name && pinned.spec == other.output)
    #expect(plan.estimate == nil)
    #expect(plan.stages[stage].searchEstimateSeconds == nil)
    let before = try PlannedGPTTiny.fixture().plan
    #expect(plan.stages[0] == before.stages[0])
    #expect(plan.search == before.search)
    #expect(try Self.issues(of: plan).isEmpty)
  }

  @Test("unpinning keeps the decision and clears the flag")
  func unpin() throws {
    let (_, op, other) = try Self.unchosenMatmulStrategy()
    let fixture = try PlannedGPTTiny.fixture()
    let pinned = try fixture.plan.applying(
      .pin(node: op.node, strategy: other.name, spec: other.output), evaluator: fixture.evaluator)
    let unpinned = try pinned.applying(.unpin(node: op.node), evaluator: fixture.evaluator)
    let decision = try #require(unpinned.stages.flatMap(\.ops).first { $0.node == op.node })
    #expect(!decision.pinned && decision.strategy == other.name)
  }

  @Test("a pin on a value two stages hold goes to the stage computing it")
  func pinOwner() throws {
    let fixture = try PlannedGPTTiny.fixture()
    // The LM head's weight gradient is computed in the head and read by the embedding's update.
    let read = try #require(
      fixture.plan.stages[0].ops.first { $0.name.hasPrefix("boundary/head/") })
    let plan = try fixture.plan.applying(
      .pin(node: read.node, strategy: read.strategy, spec: read.spec), evaluator: fixture.evaluator)
    #expect(plan.stages[0].ops.allSatisfy { !$0.pinned })
    let last = plan.stages.count - 1
    #expect(plan.stages[last].ops.filter(\.pinned).map(\.node) == [read.node])
  }

  @Test("a node no stage computes is an error naming it")
  func unknownNode() throws {
    let node = NodeID(1_000_000)
    #expect(throws: PlanEditError.noOp(node: node)) { try Self.edited(.unpin(node: node)) }
    #expect(PlanEditError.noOp(node: node).description == "no op %1000000 in the plan")
  }

  @Test("a microbatch count that does not divide the batch is an error")
  func badMicrobatches() throws {
    let batch = try PlannedGPTTiny.fixture().plan.globalBatch
    #expect(throws: PlanEditError.indivisibleBatch(batch: batch, microbatches: 3)) {
      try Self.edited(.setMicrobatches(3))
    }
    #expect(throws: PlanEditError.indivisibleBatch(batch: batch, microbatches: 0)) {
      try Self.edited(.setMicrobatches(0))
    }
    #expect(
      PlanEditError.indivisibleBatch(batch: 1024, microbatches: 3).description
        == "a batch of 1024 does not split into 3 microbatches")
  }

  @Test("a dividing microbatch count is set and every stage's search figures are forgotten")
  func microbatches() throws {
    let plan = try Self.edited(.setMicrobatches(4))
    #expect(plan.microbatches == 4)
    #expect(plan.stages.allSatisfy { $0.searchEstimateSeconds == nil })
    #expect(plan.stages.allSatisfy { $0.searchEstimatePeakBytes == nil })
    #expect(try Self.issues(of: plan).isEmpty)
  }

  @Test("the schedule is set")
  func schedule() throws {
    let plan = try Self.edited(.setSchedule(.gpipe))
    #expect(plan.schedule == .gpipe)
    #expect(try Self.issues(of: plan).isEmpty)
  }

  @Test("a logical shape of another device count is an error; one of the same count is set")
  func logicalShape() throws {
    #expect(
      throws: PlanEditError.shapeMismatch(devices: 4, shape: LogicalMeshShape(rows: 3, columns: 3))
    ) {
      try Self.edited(.setLogicalShape(stage: 0, LogicalMeshShape(rows: 3, columns: 3)))
    }
    #expect(
      PlanEditError.shapeMismatch(devices: 8, shape: LogicalMeshShape(rows: 3, columns: 3))
        .description == "8 devices cannot be viewed as 3×3")
    let plan = try Self.edited(.setLogicalShape(stage: 0, LogicalMeshShape(rows: 2, columns: 2)))
    #expect(plan.stages[0].logicalShape == LogicalMeshShape(rows: 2, columns: 2))
    #expect(plan.stages[0].searchEstimateSeconds == nil)
    #expect(plan.stages[1].searchEstimateSeconds != nil)
  }

  @Test("a stage outside the plan is an error")
  func noStage() throws {
    #expect(throws: PlanEditError.noStage(stage: 7, stageCount: 4)) {
      try Self.edited(.setLogicalShape(stage: 7, LogicalMeshShape(rows: 1, columns: 1)))
    }
  }

  @Test("a shrunk submesh places every stage again, contiguously, and keeps the decisions")
  func shrinkSubmesh() throws {
    let plan = try Self.edited(.setSubmesh(stage: 0, SubmeshShape(hostCount: 1, devicesPerHost: 2)))
    #expect(
      plan.stages.map(\.devices) == [[0, 1], [2], [3], [4, 5]].map { $0.map { DeviceID($0) } })
    #expect(plan.stages[0].logicalShape == LogicalMeshShape(rows: 1, columns: 2))
    #expect(plan.stages[0].ops == (try PlannedGPTTiny.fixture().plan.stages[0].ops))
    #expect(try Self.issues(of: plan).allSatisfy { $0.kind == .sharding || $0.kind == .memory })
  }

  @Test("a submesh grown past the free devices is one devices issue saying how many are missing")
  func growSubmesh() throws {
    let plan = try Self.edited(.setSubmesh(stage: 1, SubmeshShape(hostCount: 1, devicesPerHost: 4)))
    #expect(plan.stages[1].devices.count == 4)
    #expect(
      try Self.issues(of: plan)
        == [
          PlanIssue(
            kind: .devices, stage: nil, message: "the stages use 11 devices but the cluster has 8")
        ])
  }

  @Test("a submesh larger than the cluster is an error")
  func submeshTooLarge() throws {
    let shape = SubmeshShape(hostCount: 2, devicesPerHost: 8)
    let mesh = PhysicalMesh(hostCount: 1, devicesPerHost: 8)
    #expect(throws: PlanEditError.submeshTooLarge(shape, mesh: mesh)) {
      try Self.edited(.setSubmesh(stage: 1, shape))
    }
    #expect(
      PlanEditError.submeshTooLarge(shape, mesh: mesh).description
        == "a 2×8 submesh is larger than the cluster (1×8 hosts × devices)")
  }

  @Test("a pinned op round-trips through JSON; an unpinned plan's JSON has no pinned key")
  func pinnedJSON() throws {
    let (_, op, other) = try Self.unchosenMatmulStrategy()
    let plain = try PlannedGPTTiny.fixture().plan.jsonData()
    #expect(!String(decoding: plain, as: UTF8.self).contains("\"pinned\""))
    let plan = try Self.edited(.pin(node: op.node, strategy: other.name, spec: other.output))
    let data = try plan.jsonData()
    #expect(
      String(decoding: data, as: UTF8.self).components(separatedBy: "\"pinned\" : true")
        .count == 2)
    #expect(try Plan(jsonData: data) == plan)
  }
}
