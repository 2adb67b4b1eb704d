import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlineSharding
import Testing

@Suite("Plan JSON")
struct PlanJSONTests {
  /// A small hand-built plan touching every field kind the file holds: an optional model config,
  /// a clustered layering, partial specs, an estimate with an issue and an infinite time.
  static func handBuiltPlan() throws -> Plan {
    let preset = try ModelZoo.preset(named: "gpt-tiny")
    let cluster = try #require(ClusterSpec.preset(named: "p3.16xlarge"))
    let ops = [
      PlanOp(
        node: NodeID(1), name: "embed/wte", strategy: "RS0",
        spec: ShardingSpec([.replicated, .axis0])),
      PlanOp(
        node: NodeID(7), name: "boundary/embed/add", strategy: "RR",
        spec: ShardingSpec([.replicated, .replicated])),
      PlanOp(
        node: NodeID(9), name: "block0/dot", strategy: "RR = RS0 × S0R",
        spec: ShardingSpec([.replicated, .replicated], partialAxes: [0])),
    ]
    let stage = PlanStage(
      firstLayer: 0, lastLayer: 1, submesh: SubmeshShape(hostCount: 1, devicesPerHost: 2),
      devices: [DeviceID(0), DeviceID(1)], logicalShape: LogicalMeshShape(rows: 2, columns: 1),
      ops: ops)
    let estimate = PlanEstimate(
      stages: [], iterationSeconds: .infinity, bubbleFraction: 0, teraflopsPerDevice: 0,
      issues: [PlanIssue(kind: .memory, stage: 0, bytesOver: 1024, message: "1 KiB over")])
    return Plan(
      model: PlanModel(
        name: "gpt-tiny", config: preset.model, training: preset.trainingOptions(),
        graphDigest: "0123456789abcdef", nodeCount: 42, parameterCount: 28_000,
        iterationFlops: 1.5e9),
      cluster: cluster, globalBatch: 4, microbatches: 2, schedule: .oneFOneB,
      layering: .clustered(starts: [0, 5]), layerNames: ["layer0", "layer1"],
      rematerialization: true, stages: [stage], estimate: estimate,
      search: PlanSearch(method: "edited", options: ["layers": "2"], notes: ["by hand"]))
  }

  /// The plan file of `handBuiltPlan()` as a JSON object, for editing.
  static func editableObject() throws -> [String: Any] {
    let data = try handBuiltPlan().jsonData()
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The `PlanError.malformed` reason parsing `object` gives.
  static func malformedReason(of object: [String: Any]) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: object)
    return try malformedReason(of: data)
  }

  static func malformedReason(of data: Data) throws -> String {
    do {
      _ = try Plan(jsonData: data)
    } catch {
      guard case .malformed(let reason) = error else {
        Issue.record("expected malformed, got \(error)")
        return ""
      }
      return reason
    }
    Issue.record("the plan parsed")
    return ""
  }

  @Test("a plan round-trips through its JSON byte for byte")
  func roundTrip() throws {
    let plan = try Self.handBuiltPlan()
    let data = try plan.jsonData()
    let decoded = try Plan(jsonData: data)
    #expect(decoded == plan)
    #expect(try decoded.jsonData() == data)
  }

  @Test("the file carries its format tag and version around the plan")
  func envelope() throws {
    let object = try Self.editableObject()
    #expect(object["format"] as? String == "shardline.plan")
    #expect(object["version"] as? Int == 1)
    #expect(object["plan"] is [String: Any])
  }

  @Test("truncated JSON is malformed at the top level")
  func truncated() throws {
    let data = try Self.handBuiltPlan().jsonData()
    let reason = try Self.malformedReason(of: data.prefix(data.count / 2))
    #expect(reason.hasPrefix("top level: "), "\(reason)")
  }

  @Test("another format tag is refused, naming it")
  func wrongFormat() throws {
    var object = try Self.editableObject()
    object["format"] = "shardline.graph"
    let reason = try Self.malformedReason(of: object)
    #expect(reason == "format is 'shardline.graph', expected 'shardline.plan'")
  }

  @Test("another version is refused, naming both")
  func wrongVersion() throws {
    var object = try Self.editableObject()
    object["version"] = 2
    let reason = try Self.malformedReason(of: object)
    #expect(reason == "version 2 is not supported (this build reads 1)")
  }

  @Test("a wrongly typed field names its JSON path")
  func wrongType() throws {
    var object = try Self.editableObject()
    var plan = try #require(object["plan"] as? [String: Any])
    var stages = try #require(plan["stages"] as? [[String: Any]])
    stages[0]["devices"] = "d0-d1"
    plan["stages"] = stages
    object["plan"] = plan
    let reason = try Self.malformedReason(of: object)
    #expect(reason.hasPrefix("plan.stages[0].devices: "), "\(reason)")
  }

  @Test("a missing field names its JSON path")
  func missingKey() throws {
    var object = try Self.editableObject()
    var plan = try #require(object["plan"] as? [String: Any])
    plan["microbatches"] = nil
    object["plan"] = plan
    let reason = try Self.malformedReason(of: object)
    #expect(reason == "plan: missing key 'microbatches'")
  }

  @Test("an envelope without a plan is malformed")
  func missingPlan() throws {
    var object = try Self.editableObject()
    object["plan"] = nil
    #expect(try Self.malformedReason(of: object) == "missing key 'plan'")
  }
}
