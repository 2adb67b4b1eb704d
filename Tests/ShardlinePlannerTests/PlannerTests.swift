import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner
import Testing

@Suite("Planner")
struct PlannerTests {
  static func gpt(blocks: Int = 4) -> ModelSource {
    let config = ModelConfig.gpt(
      GPTConfig(hidden: 32, layers: blocks, heads: 4, seq: 16, vocab: 64, batch: 8))
    return .zoo(name: "gpt-test", config: config, training: TrainingOptions())
  }

  static func plan(
    _ options: PlannerOptions = PlannerOptions(microbatches: .count(2)),
    cache: URL? = nil, blocks: Int = 4, devices: Int = 4
  ) throws -> Plan {
    try Planner(options: options, cacheDirectory: cache)
      .plan(gpt(blocks: blocks), on: cluster(devices: devices))
  }

  /// One p3.16xlarge host cut down to a few devices, to keep the search small.
  static func cluster(devices: Int = 4) throws -> ClusterSpec {
    var host = try ClusterSpec.parse("p3.16xlarge").host
    host.devicesPerHost = devices
    return ClusterSpec(name: "p3-4gpu", host: host, hostCount: 1)
  }

  /// The plan without its wall-clock time, for comparing runs.
  static func timeless(_ plan: Plan) -> Plan {
    var copy = plan
    copy.search.compileSeconds = 0
    return copy
  }

  @Test("a plan covers the model, fits, and is estimated")
  func validPlan() throws {
    let plan = try Self.plan()
    let estimate = try #require(plan.estimate)
    #expect(estimate.isValid, "\(estimate.issues)")
    #expect(estimate.iterationSeconds.isFinite && estimate.iterationSeconds > 0)
    #expect(plan.stages.first?.firstLayer == 0)
    #expect(plan.stages.last?.lastLayer == plan.layerNames.count - 1)
    let devices = plan.stages.flatMap(\.devices)
    #expect(Set(devices).count == devices.count)
    #expect(devices.count == 4)
    #expect(plan.search.solverStatus == "optimal")
  }

  @Test("identical-layer reuse gives the same plan as solving every layer, with fewer solves")
  func reuse() throws {
    let reused = try Self.plan(PlannerOptions(microbatches: .count(2)))
    let separate = try Self.plan(
      PlannerOptions(microbatches: .count(2), reusesIdenticalLayers: false))
    #expect(reused.stages == separate.stages)
    #expect(reused.estimate?.iterationSeconds == separate.estimate?.iterationSeconds)
    #expect(reused.search.ilpSolves < separate.search.ilpSolves)
    #expect(reused.search.cacheHits > 0)
  }

  @Test("the same inputs give byte-identical plans")
  func deterministic() throws {
    let first = try Self.timeless(Self.plan()).jsonData()
    let second = try Self.timeless(Self.plan()).jsonData()
    #expect(first == second)
  }

  @Test("profiles cached on disk are reused by the next run, which solves nothing")
  func diskCache() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let cold = try Self.plan(cache: directory)
    let warm = try Self.plan(cache: directory)
    #expect(cold.search.ilpSolves > 0)
    #expect(warm.search.ilpSolves == 0)
    #expect(Self.timeless(cold).stages == Self.timeless(warm).stages)
  }

  @Test("clustering into a given number of layers replaces the model's layers")
  func clustering() throws {
    let plan = try Self.plan(PlannerOptions(layers: .count(3), microbatches: .count(2)))
    guard case .clustered(let starts) = plan.layering else {
      Issue.record("expected a clustered layering, got \(plan.layering)")
      return
    }
    #expect(starts.count == 3)
    #expect(plan.estimate?.isValid == true)
  }

  @Test("a model that cannot fit is one clear error naming the memory")
  func doesNotFit() throws {
    var host = try Self.cluster().host
    host.device.memoryBytes = 1 << 16
    let cluster = ClusterSpec(name: "tiny-memory", host: host, hostCount: 1)
    do {
      _ = try Planner(options: PlannerOptions(microbatches: .count(2)))
        .plan(Self.gpt(), on: cluster)
      Issue.record("a plan was returned")
    } catch {
      #expect("\(error)".contains("no plan fits"))
    }
  }
}

extension PlannerTests {
  @Test("composing ranges from per-layer solves gives the plan of one ILP per range")
  func composition() throws {
    // Two devices for five layers: stages must hold several layers each.
    let composed = try Self.plan(PlannerOptions(microbatches: .count(2)), blocks: 3, devices: 2)
    let joint = try Self.plan(
      PlannerOptions(
        microbatches: .count(2), reusesIdenticalLayers: false, solvesRangesJointly: true),
      blocks: 3, devices: 2)
    #expect(composed.stages.contains { $0.layers.count > 1 })
    #expect(composed.stages.map(\.layers) == joint.stages.map(\.layers))
    #expect(composed.stages.map(\.logicalShape) == joint.stages.map(\.logicalShape))
    let composedTime = try #require(composed.estimate?.iterationSeconds)
    let jointTime = try #require(joint.estimate?.iterationSeconds)
    #expect(abs(composedTime - jointTime) <= 1e-9 * jointTime, "\(composedTime) vs \(jointTime)")
  }
}
