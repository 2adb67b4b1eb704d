import Foundation
import ShardlineIR
import ShardlinePlan
import Testing

/// Moving layers between stages of gpt-tiny with 4 blocks planned in 2 stages (embed and
/// block0–1 on 4 devices, block2–3 and head on the other 4).
@Suite("Plan edits: moving a stage boundary")
struct PlanEditBoundaryTests {
  /// `plan` as an edit of stages `touched` leaves it when nothing else changes: no estimate, and
  /// no stage DP figures on those stages.
  static func unpriced(_ plan: Plan, touched: [Int]) -> Plan {
    var plan = plan
    plan.estimate = nil
    for index in touched {
      plan.stages[index].searchEstimateSeconds = nil
      plan.stages[index].searchEstimatePeakBytes = nil
    }
    return plan
  }

  @Test(
    "moving a boundary one layer and back gives the original plan byte for byte",
    arguments: [1, -1])
  func roundTrip(layers: Int) throws {
    let fixture = try PlannedTwoStageGPT.fixture()
    let plan = fixture.plan
    let moved = try plan.applying(
      .moveBoundary(stage: 0, layers: layers), evaluator: fixture.evaluator)
    #expect(moved.stages[0].lastLayer == plan.stages[0].lastLayer + layers)
    #expect(moved.stages[1].firstLayer == plan.stages[1].firstLayer + layers)
    #expect(moved.stages[0].ops.count != plan.stages[0].ops.count)
    let back = try moved.applying(
      .moveBoundary(stage: 0, layers: -layers), evaluator: fixture.evaluator)
    #expect(try back.jsonData() == Self.unpriced(plan, touched: [0, 1]).jsonData())
  }

  @Test(
    "moved layers take their new stage's decisions and price without issues",
    arguments: [1, 2, -1, -2])
  func movedLayersPrice(layers: Int) throws {
    let fixture = try PlannedTwoStageGPT.fixture()
    let moved = try fixture.plan.applying(
      .moveBoundary(stage: 0, layers: layers), evaluator: fixture.evaluator)
    try moved.check(against: fixture.graph)
    let estimate = try PlanEvaluator(graph: fixture.graph).evaluate(moved)
    #expect(estimate.isValid, "\(estimate.issues)")
    #expect(estimate.stages.count == 2)
  }

  @Test("layers moved to a stage with no layer like them keep their decisions")
  func movedWithoutTwin() throws {
    let fixture = try PlannedTwoStageGPT.fixture()
    // All four blocks into stage 0, then three of them to stage 1, which holds only the head.
    let gathered = try fixture.plan.applying(
      .moveBoundary(stage: 0, layers: 2), evaluator: fixture.evaluator)
    let moved = try gathered.applying(
      .moveBoundary(stage: 0, layers: -3), evaluator: fixture.evaluator)
    #expect(moved.stages.map(\.layers) == [0...1, 2...5])
    let estimate = try PlanEvaluator(graph: fixture.graph).evaluate(moved)
    #expect(estimate.isValid, "\(estimate.issues)")
  }

  @Test("a pinned op travels with its layer")
  func pinTravels() throws {
    let fixture = try PlannedTwoStageGPT.fixture()
    let op = try #require(fixture.plan.stages[1].ops.first { $0.name.hasPrefix("block2/") })
    let pinned = try fixture.plan.applying(
      .pin(node: op.node, strategy: op.strategy, spec: op.spec), evaluator: fixture.evaluator)
    let moved = try pinned.applying(
      .moveBoundary(stage: 0, layers: 1), evaluator: fixture.evaluator)
    #expect(moved.stages[0].ops.filter(\.pinned).map(\.node) == [op.node])
    #expect(moved.stages[1].ops.allSatisfy { !$0.pinned })
  }

  @Test("a stage cannot give away all its layers")
  func emptying() throws {
    let fixture = try PlannedTwoStageGPT.fixture()
    #expect(throws: PlanEditError.stageWouldEmpty(stage: 1, layerCount: 3, giving: 3)) {
      try fixture.plan.applying(.moveBoundary(stage: 0, layers: 3), evaluator: fixture.evaluator)
    }
    #expect(throws: PlanEditError.stageWouldEmpty(stage: 0, layerCount: 3, giving: 4)) {
      try fixture.plan.applying(.moveBoundary(stage: 0, layers: -4), evaluator: fixture.evaluator)
    }
    let single = try PlannedGPTTiny.fixture()
    let error = PlanEditError.stageWouldEmpty(stage: 2, layerCount: 1, giving: 1)
    #expect(throws: error) {
      try single.plan.applying(.moveBoundary(stage: 2, layers: -1), evaluator: single.evaluator)
    }
    #expect(error.description == "stage 2 has only 1 layer: it cannot give 1 away")
  }

  @Test("the last stage has no boundary to move")
  func lastStage() throws {
    let fixture = try PlannedTwoStageGPT.fixture()
    #expect(throws: PlanEditError.noNextStage(stage: 1)) {
      try fixture.plan.applying(.moveBoundary(stage: 1, layers: 1), evaluator: fixture.evaluator)
    }
  }
}
