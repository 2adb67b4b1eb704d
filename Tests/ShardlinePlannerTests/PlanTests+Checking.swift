import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import Testing

/// `Plan.check(against:)` and `check(cluster:)` refuse a plan loaded against another model or
/// cluster, naming the first difference.
@Suite("Plan checks against model and cluster")
struct PlanCheckingTests {
  @Test("the planned plan matches its own graph, boundary ops included")
  func matches() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let boundary = fixture.plan.stages.flatMap(\.ops).filter { $0.name.hasPrefix("boundary/") }
    #expect(!boundary.isEmpty, "the plan has no op named boundary/…")
    try fixture.plan.check(against: fixture.graph)
  }

  @Test("a plan for a deeper model is refused by its node count")
  func otherDepth() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let deeper = try PlannedGPTTiny.graph(overriding: ModelOverrides(layers: 3))
    #expect(
      throws: PlanError.mismatch(
        what: "a training graph of", planSays: "\(fixture.plan.model.nodeCount) nodes",
        actual: "\(deeper.nodes.count) nodes")
    ) {
      try fixture.plan.check(against: deeper)
    }
  }

  @Test("a plan for another batch size is refused by its digest")
  func otherBatch() throws {
    let fixture = try PlannedGPTTiny.fixture()
    let larger = try PlannedGPTTiny.graph(overriding: ModelOverrides(batch: 8))
    #expect(larger.nodes.count == fixture.graph.nodes.count)
    do {
      try fixture.plan.check(against: larger)
      Issue.record("a plan for microbatches of 2 passed against microbatches of 4")
    } catch {
      guard case .mismatch(let what, let planSays, let actual) = error else {
        Issue.record("expected a mismatch, got \(error)")
        return
      }
      #expect(what == "a training graph with digest")
      #expect(planSays == fixture.plan.model.graphDigest)
      #expect(actual != planSays)
    }
  }

  @Test("a global batch edited away from the model's is refused")
  func editedBatch() throws {
    let fixture = try PlannedGPTTiny.fixture()
    var plan = fixture.plan
    plan.globalBatch *= 2
    #expect(
      throws: PlanError.mismatch(
        what: "a global batch of", planSays: "\(plan.globalBatch)",
        actual: "a model with a batch of \(fixture.plan.globalBatch)")
    ) {
      try plan.check(against: fixture.graph)
    }
  }

  @Test("a renamed op is named with its stage and node")
  func renamedOp() throws {
    let fixture = try PlannedGPTTiny.fixture()
    var plan = fixture.plan
    let stage = plan.stages.count - 1
    let op = try #require(plan.stages[stage].ops.first { !$0.name.hasPrefix("boundary/") })
    let index = try #require(plan.stages[stage].ops.firstIndex(of: op))
    plan.stages[stage].ops[index].name = "renamed/op"
    #expect(
      throws: PlanError.mismatch(
        what: "stage \(stage) op \(op.node) named", planSays: "'renamed/op'",
        actual: "'\(op.name)'")
    ) {
      try plan.check(against: fixture.graph)
    }
  }

  @Test("a boundary op must name its producer")
  func renamedBoundary() throws {
    let fixture = try PlannedGPTTiny.fixture()
    var plan = fixture.plan
    let (stage, index) = try #require(
      plan.stages.indices.lazy.compactMap { s in
        plan.stages[s].ops.firstIndex { $0.name.hasPrefix("boundary/") }.map { (s, $0) }
      }.first)
    let op = plan.stages[stage].ops[index]
    plan.stages[stage].ops[index].name = "boundary/elsewhere"
    #expect(
      throws: PlanError.mismatch(
        what: "stage \(stage) op \(op.node) named", planSays: "'boundary/elsewhere'",
        actual: "'\(fixture.graph[op.node].name)'")
    ) {
      try plan.check(against: fixture.graph)
    }
  }

  @Test("an op on a node past the graph's end is refused")
  func missingNode() throws {
    let fixture = try PlannedGPTTiny.fixture()
    var plan = fixture.plan
    plan.stages[0].ops[0].node = NodeID(fixture.graph.nodes.count)
    let name = plan.stages[0].ops[0].name
    #expect(
      throws: PlanError.mismatch(
        what: "stage 0 op '\(name)' at node", planSays: "%\(fixture.graph.nodes.count)",
        actual: "a graph of \(fixture.graph.nodes.count) nodes")
    ) {
      try plan.check(against: fixture.graph)
    }
  }

  @Test("another cluster is refused; the plan's own passes")
  func cluster() throws {
    let plan = try PlannedGPTTiny.fixture().plan
    try plan.check(cluster: try ClusterSpec.parse("p3.16xlarge"))
    let two = try ClusterSpec.parse("p3.16xlarge:2")
    #expect(
      throws: PlanError.mismatch(
        what: "cluster", planSays: plan.cluster.description, actual: two.description)
    ) {
      try plan.check(cluster: two)
    }
    var smaller = plan.cluster
    smaller.host.device.memoryBytes /= 2
    #expect(
      throws: PlanError.mismatch(
        what: "cluster", planSays: plan.cluster.description,
        actual: "\(plan.cluster.description) with other device or network figures")
    ) {
      try plan.check(cluster: smaller)
    }
  }
}
