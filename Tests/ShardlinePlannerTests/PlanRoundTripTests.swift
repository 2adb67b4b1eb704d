import Foundation
import ShardlinePlan
import Testing

/// A plan the planner wrote reads back as the same plan, and re-costs to the same estimate.
@Suite("Plan round trip")
struct PlanRoundTripTests {
  @Test("a planned plan round-trips through its JSON byte for byte")
  func bytes() throws {
    let plan = try PlannedGPTTiny.fixture().plan
    let data = try plan.jsonData()
    let decoded = try Plan(jsonData: data)
    #expect(decoded == plan)
    #expect(try decoded.jsonData() == data)
  }

  @Test("a read-back plan passes its checks and re-costs to the estimate it was written with")
  func recost() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let plan = try Plan(jsonData: try fixture.plan.jsonData())
    try plan.check(against: fixture.graph)
    try plan.check(cluster: fixture.plan.cluster)
    let estimate = try PlanEvaluator(graph: fixture.graph).evaluate(plan)
    #expect(estimate.isValid, "\(estimate.issues)")
    #expect(estimate == fixture.plan.estimate)
  }
}
