import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding
import Testing

/// A planned plan edited by hand into one that cannot run: the evaluator says why, by kind and
/// stage, instead of throwing.
@Suite("PlanEvaluator on hand-edited plans")
struct PlanEvaluatorEditTests {
  static func issues(of plan: Plan) throws -> [PlanIssue] {
    let fixture = try PlannedGPTTiny.fixture()
    let estimate = try PlanEvaluator(graph: fixture.graph).evaluate(plan)
    #expect(!estimate.isValid)
    return estimate.issues
  }

  @Test("devices one byte short of the largest stage's peak overflow just the stages that need it")
  func memory() throws {
    let fixture = try PlannedGPTTiny.fixture()
    var plan = fixture.plan
    let estimate = try #require(plan.estimate)
    let peaks = estimate.stages.map(\.peakBytes)
    let largest = try #require(peaks.indices.max { peaks[$0] < peaks[$1] })
    let capacity = Int(peaks[largest].rounded(.down)) - 1
    plan.cluster.host.device.memoryBytes = capacity
    let issues = try Self.issues(of: plan)
    let over = peaks.indices.filter { peaks[$0] > Double(capacity) }
    #expect(issues.map(\.kind) == over.map { _ in .memory })
    #expect(issues.map(\.stage) == over)
    let issue = try #require(issues.first { $0.stage == largest })
    let bytesOver = try #require(issue.bytesOver)
    // peak − (⌊peak⌋ − 1) lies in [1, 2).
    #expect(bytesOver >= 1 && bytesOver < 2)
    #expect(issue.description.hasPrefix("stage \(largest): needs "))
  }

  @Test("a stage on devices another stage uses is a devices issue naming both")
  func overlappingDevices() throws {
    var plan = try PlannedGPTTiny.fixture().plan
    try #require(plan.stages.count >= 2)
    plan.stages[1].devices = plan.stages[0].devices
    plan.stages[1].submesh = plan.stages[0].submesh
    plan.stages[1].logicalShape = plan.stages[0].logicalShape
    let issues = try Self.issues(of: plan)
    let device = plan.stages[0].devices[0]
    #expect(
      issues.contains(
        PlanIssue(kind: .devices, stage: 1, message: "device \(device) is also used by stage 0")),
      "\(issues)")
  }

  @Test("a device outside the cluster is a devices issue")
  func outsideDevice() throws {
    var plan = try PlannedGPTTiny.fixture().plan
    let last = plan.stages.count - 1
    plan.stages[last].devices[0] = DeviceID(plan.cluster.deviceCount)
    let issues = try Self.issues(of: plan)
    #expect(issues.contains { $0.kind == .devices && $0.stage == last }, "\(issues)")
  }

  @Test("stages that stop short of the last layer are a layers issue")
  func layersNotCovered() throws {
    var plan = try PlannedGPTTiny.fixture().plan
    let layerCount = plan.layerNames.count
    let dropped = plan.stages.removeLast()
    let issues = try Self.issues(of: plan)
    #expect(
      issues.contains(
        PlanIssue(
          kind: .layers, stage: nil,
          message:
            "the stages end at layer \(dropped.firstLayer - 1) but the model has \(layerCount) layers"
        )),
      "\(issues)")
  }

  @Test("a stage that skips a layer is a layers issue naming it")
  func layerGap() throws {
    var plan = try PlannedGPTTiny.fixture().plan
    try #require(plan.stages.count >= 2)
    plan.stages[0].lastLayer -= 1
    let issues = try Self.issues(of: plan)
    #expect(issues.contains { $0.kind == .layers && $0.stage == 1 }, "\(issues)")
  }

  @Test("a spec an op cannot take is a sharding issue naming the op")
  func impossibleSpec() throws {
    let fixture = try PlannedGPTTiny.fixture()
    var plan = fixture.plan
    // A parameter decides its own layout (no leader); splitting one dimension over the same
    // mesh axis twice is no strategy of any op.
    let index = try #require(
      plan.stages[0].ops.firstIndex { op in
        let node = fixture.graph[op.node]
        return !op.name.hasPrefix("boundary/") && node.op == .parameter
          && node.type.shape.count == 2
      })
    plan.stages[0].ops[index].strategy = "S0S0"
    plan.stages[0].ops[index].spec = ShardingSpec([.axis0, .axis0])
    let issues = try Self.issues(of: plan)
    let name = plan.stages[0].ops[index].name
    #expect(
      issues.contains { $0.kind == .sharding && $0.stage == 0 && $0.message.contains(name) },
      "\(issues)")
  }
}
