import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlineImport
import ShardlineInterpreter
import ShardlinePlan
import ShardlinePlanner
import ShardlineRuntime
import ShardlineTestSupport
import Testing

/// A JAX training step brought in as StableHLO, planned and run on CPU devices: the plan's
/// iteration must give the numbers JAX computed for the same inputs.
@Suite("Imported JAX steps plan and run with JAX's numbers")
struct ImportedPlanRunTests {
  /// The GPT fixture (2 layers, Adam) as a model source, and JAX's inputs and outputs.
  static func gpt() throws -> (source: ModelSource, inputs: [HostTensor], outputs: [HostTensor]) {
    let text = try String(
      contentsOfFile: SampleFiles.path("jax/fixtures/gpt.mlir"), encoding: .utf8)
    let graph = try StableHLOImporter.importModule(StableHLOParser.parse(text)).graph
    let reference = try JAXReference(
      jsonData: try SampleFiles.data("jax/fixtures/gpt.reference.json"))
    return (
      .graph(name: "gpt", graph: graph),
      reference.inputs.map { HostTensor($0.type, storage: $0.values) },
      reference.outputs.map { HostTensor($0.type, storage: $0.values) }
    )
  }

  /// Plans `source` on one p3.16xlarge host in `stages` stages of `submesh` devices, each viewed
  /// as `shape`, with `microbatches` microbatches (the imported step is one).
  static func plan(
    _ source: ModelSource, stages: Int, submesh: SubmeshShape, shape: LogicalMeshShape,
    microbatches: Int = 1
  ) throws -> Plan {
    let planner = Planner(
      options: PlannerOptions(microbatches: .count(microbatches)), cacheDirectory: nil)
    return try planner.plan(
      source, on: try ClusterSpec.parse("p3.16xlarge"),
      space: SearchSpace(
        submeshes: [submesh], logicalShapes: { _ in [shape] }, stageCounts: stages...stages))
  }

  @Test(
    "the imported GPT, planned on a 2×4 mesh or in two stages of 2×2, gives JAX's loss and updates",
    arguments: [
      (1, SubmeshShape(hostCount: 1, devicesPerHost: 8), LogicalMeshShape(rows: 2, columns: 4)),
      (2, SubmeshShape(hostCount: 1, devicesPerHost: 4), LogicalMeshShape(rows: 2, columns: 2)),
    ])
  func matchesJAX(stages: Int, submesh: SubmeshShape, shape: LogicalMeshShape) async throws {
    let (source, inputs, expected) = try Self.gpt()
    let plan = try Self.plan(source, stages: stages, submesh: submesh, shape: shape)
    #expect(plan.stages.count == stages)
    #expect(plan.stages.allSatisfy { $0.logicalShape == shape })
    #expect(plan.stages.contains { $0.ops.contains { !$0.spec.splitAxes.isEmpty } })
    let run = try PlanRun(plan: plan, graph: try source.microbatchGraph(microbatches: 1))
    let result = try await run.run(
      inputs: inputs, on: CPUBackend(devices: run.devices),
      options: ExecutionOptions(watchdogTimeoutSeconds: 60))
    try #require(result.outputs.count == expected.count)
    for (index, (got, want)) in zip(result.outputs, expected).enumerated() {
      let difference = try #require(got.relativeDifference(from: want), "output \(index) shape")
      #expect(difference <= 1e-4, "output \(index): \(difference)")
    }
  }

  /// Two microbatches of the same data average to the gradient of one, so the iteration must
  /// still give JAX's numbers: this holds only if the importer put the boundary between the
  /// per-microbatch backward pass and the once-per-iteration Adam update in the right place.
  @Test("two identical microbatches of the imported GPT give JAX's one-batch step")
  func microbatchesAccumulate() async throws {
    let (source, inputs, expected) = try Self.gpt()
    let plan = try Self.plan(
      source, stages: 2, submesh: SubmeshShape(hostCount: 1, devicesPerHost: 4),
      shape: LogicalMeshShape(rows: 1, columns: 4), microbatches: 2)
    #expect(plan.microbatches == 2)
    let graph = try source.microbatchGraph(microbatches: 1)
    let doubled = zip(graph.inputs, inputs).map { input, tensor -> HostTensor in
      guard input.role == .batch, let rows = tensor.shape.first else { return tensor }
      let shape: [Int] = [2 * rows] + Array(tensor.shape.dropFirst())
      return HostTensor(shape: shape, dtype: tensor.dtype, storage: tensor.storage + tensor.storage)
    }
    let run = try PlanRun(plan: plan, graph: graph)
    let result = try await run.run(
      inputs: doubled, on: CPUBackend(devices: run.devices),
      options: ExecutionOptions(watchdogTimeoutSeconds: 60))
    for (index, (got, want)) in zip(result.outputs, expected).enumerated() {
      let difference = try #require(got.relativeDifference(from: want), "output \(index) shape")
      #expect(difference <= 1e-4, "output \(index): \(difference)")
    }
  }

  /// GPT with Adam after clipping by global norm, as two microbatches: the norm must be taken
  /// of the gradient summed over both (so the importer must put it in the update), which JAX
  /// computed by running the same step on the two microbatches' batch at once.
  @Test(
    "the imported GPT with global-norm clipping, in two microbatches, gives JAX's step on both",
    arguments: [
      (SubmeshShape(hostCount: 1, devicesPerHost: 8), LogicalMeshShape(rows: 2, columns: 4)),
      (SubmeshShape(hostCount: 1, devicesPerHost: 8), LogicalMeshShape(rows: 8, columns: 1)),
    ])
  func clippedMicrobatches(submesh: SubmeshShape, shape: LogicalMeshShape) async throws {
    let text = try String(
      contentsOfFile: SampleFiles.path("jax/fixtures/gpt_clip.mlir"), encoding: .utf8)
    let graph = try StableHLOImporter.importModule(StableHLOParser.parse(text)).graph
    let reference = try JAXReference(
      jsonData: try SampleFiles.data("jax/fixtures/gpt_clip.x2.reference.json"))
    let source = ModelSource.graph(name: "gpt_clip", graph: graph)
    let plan = try Self.plan(
      source, stages: 1, submesh: submesh, shape: shape, microbatches: 2)
    let run = try PlanRun(plan: plan, graph: graph)
    let result = try await run.run(
      inputs: reference.inputs.map { HostTensor($0.type, storage: $0.values) },
      on: CPUBackend(devices: run.devices), options: ExecutionOptions(watchdogTimeoutSeconds: 60))
    for (index, (got, want)) in zip(result.outputs, reference.outputs).enumerated() {
      let expected = HostTensor(want.type, storage: want.values)
      let difference = try #require(got.relativeDifference(from: expected), "\(want.name)")
      #expect(difference <= 1e-4, "\(want.name): \(difference)")
    }
  }

  /// Clipping by global norm needs every stage's gradients before any stage's update, which
  /// the pipeline's per-stage update tasks cannot wait for: the planner keeps such a step in
  /// one stage and refuses a search that asks for more, saying why.
  @Test("clipping by global norm keeps a plan in one stage; asking for two is refused")
  func clippedAcrossStages() throws {
    let clipped = try String(
      contentsOfFile: SampleFiles.path("jax/fixtures/gpt_clip.mlir"), encoding: .utf8)
    let graph = try StableHLOImporter.importModule(StableHLOParser.parse(clipped)).graph
    let source = ModelSource.graph(name: "gpt_clip", graph: graph)
    let four = SubmeshShape(hostCount: 1, devicesPerHost: 4)
    let square = LogicalMeshShape(rows: 2, columns: 2)
    #expect {
      try Self.plan(source, stages: 2, submesh: four, shape: square)
    } throws: { error in
      "\(error)".contains("needs one stage")
    }
    let planned = try Planner(options: PlannerOptions(microbatches: .count(1)), cacheDirectory: nil)
      .plan(source, on: try ClusterSpec.parse("p3.16xlarge"))
    #expect(planned.stages.count == 1)
    #expect(planned.search.notes.contains { $0.contains("clipping by global norm") })
  }
}
