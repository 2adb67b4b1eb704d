import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding
import Testing

@testable import ShardlinePlanner

@Suite("Baselines")
struct BaselineTests {
  /// The spec of every input of `role` that `plan` decides, with the input's shape.
  static func inputSpecs(_ role: InputRole, of plan: Plan, in graph: Graph)
    -> [(name: String, shape: [Int], spec: ShardingSpec)]
  {
    let specs = Dictionary(
      plan.stages.flatMap(\.ops).map { ($0.node, $0.spec) }, uniquingKeysWith: { a, _ in a })
    return graph.inputs.filter { $0.role == role }.compactMap { input in
      specs[input.node].map { (graph[input.node].name, graph[input.node].type.shape, $0) }
    }
  }

  /// The grid point a Megatron-LM plan records in its notes: (dp, tp, pp).
  static func gridPoint(of plan: Plan) -> (dp: Int, tp: Int, pp: Int)? {
    for note in plan.search.notes {
      let numbers = note.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
      if note.hasPrefix("dp "), numbers.count == 3 { return (numbers[0], numbers[1], numbers[2]) }
    }
    return nil
  }

  @Test("each baseline has its command-line name and a summary citing its source")
  func names() {
    #expect(
      Baseline.allCases.map(\.rawValue) == [
        "megatron", "zero2", "zero3", "deepspeed-moe", "pp-dp", "inter-op-only", "intra-op-only",
      ])
    for baseline in Baseline.allCases {
      #expect(baseline.summary.contains("'2") || baseline.summary.contains("20"), "\(baseline)")
    }
  }

  @Test(
    "the Megatron-LM grid uses every device, keeps tp in a host, and has a stage per layer at most")
  func megatronGrid() throws {
    let cluster = try ClusterSpec.parse("p3.16xlarge:2")
    let grid = MegatronGridPoint.grid(cluster: cluster, layerCount: 4)
    // pp 1: stages of 16 devices (2 × 8); pp 2: 8 (1 × 8); pp 4: 4 (1 × 4); pp 8 > 4 layers.
    #expect(
      grid.map(\.description) == [
        "dp 16 × tp 1 × pp 1", "dp 8 × tp 2 × pp 1", "dp 4 × tp 4 × pp 1", "dp 2 × tp 8 × pp 1",
        "dp 8 × tp 1 × pp 2", "dp 4 × tp 2 × pp 2", "dp 2 × tp 4 × pp 2", "dp 1 × tp 8 × pp 2",
        "dp 4 × tp 1 × pp 4", "dp 2 × tp 2 × pp 4", "dp 1 × tp 4 × pp 4",
      ])
    #expect(grid[0].submesh(devicesPerHost: 8) == SubmeshShape(hostCount: 2, devicesPerHost: 8))
    #expect(grid[8].submesh(devicesPerHost: 8) == SubmeshShape(hostCount: 1, devicesPerHost: 4))
  }

  @Test("megatron keeps its fastest grid point and views every stage as dp × tp")
  func megatron() throws {
    let plan = try #require(try PlannedBaselines.gpt(.megatron))
    let point = try #require(Self.gridPoint(of: plan), "\(plan.search.notes)")
    #expect(plan.search.method == "megatron")
    #expect(plan.search.notes.contains { $0.hasPrefix("best of ") })
    #expect(plan.stages.count == point.pp)
    for stage in plan.stages {
      #expect(stage.logicalShape == LogicalMeshShape(rows: point.dp, columns: point.tp))
      #expect(stage.devices.count == point.dp * point.tp)
    }
    if point.tp > 1 {
      let spec = try #require(PlannedBaselines.spec(of: "block0/mlp/fc1/w", in: plan))
      #expect(spec.dims == [.replicated, .axis1])
    }
  }

  @Test("a Megatron-LM grid point splits column- then row-parallel weights over axis 1")
  func megatronLayout() throws {
    let cluster = try PlannedBaselines.host()
    let facts = Baseline.ModelFacts(name: "gpt-tiny", layerCount: 4, expertCount: nil)
    let search = try #require(
      try Baseline.megatron.searches(on: cluster, facts: facts).first {
        $0.note == "dp 2 × tp 4 × pp 1"
      })
    let plan = try PlannedBaselines.planner.plan(
      PlannedBaselines.source("gpt-tiny"), on: cluster, space: search.space, method: "megatron")
    #expect(plan.stages.map(\.logicalShape) == [LogicalMeshShape(rows: 2, columns: 4)])
    let expected: [(String, [DimSharding])] = [
      ("embed/wte", [.axis1, .replicated]), ("block0/attn/qkv/w", [.replicated, .axis1]),
      ("block0/attn/qkv/b", [.axis1]), ("block0/attn/out/w", [.axis1, .replicated]),
      ("block0/attn/out/b", [.replicated]), ("block1/mlp/fc1/w", [.replicated, .axis1]),
      ("block1/mlp/fc2/w", [.axis1, .replicated]), ("block1/ln2/scale", [.replicated]),
    ]
    for (name, dims) in expected {
      #expect(PlannedBaselines.spec(of: name, in: plan)?.dims == dims, "\(name)")
    }
  }

  @Test(
    "ZeRO runs one data-parallel stage on every device, splitting optimizer state (and parameters for ZeRO-3)",
    arguments: [Baseline.zero2, .zero3])
  func zero(baseline: Baseline) throws {
    let plan = try #require(try PlannedBaselines.gpt(baseline))
    let graph = try PlannedBaselines.graph(of: plan, model: "gpt-tiny")
    #expect(plan.search.method == baseline.rawValue)
    #expect(plan.stages.count == 1)
    let stage = try #require(plan.stages.first)
    #expect(stage.submesh == SubmeshShape(hostCount: 1, devicesPerHost: 8))
    #expect(stage.logicalShape == LogicalMeshShape(rows: 8, columns: 1))
    let divisible = { (shape: [Int]) in shape.contains { $0 % 8 == 0 } }
    let parameters = Self.inputSpecs(.parameter, of: plan, in: graph)
    #expect(parameters.count == graph.inputs.filter { $0.role == .parameter }.count)
    for (name, shape, spec) in parameters {
      let split = baseline == .zero3 && divisible(shape)
      #expect(spec.splitAxes == (split ? [0] : []), "\(name) \(shape): \(spec)")
    }
    let state = Self.inputSpecs(.optimizerState, of: plan, in: graph)
    #expect(!state.isEmpty)
    for (name, shape, spec) in state where divisible(shape) {
      #expect(spec.splitAxes == [0], "\(name) \(shape): \(spec)")
    }
  }

  @Test("PP-DP views every stage as n × 1 and replicates every parameter")
  func ppDP() throws {
    let plan = try #require(try PlannedBaselines.gpt(.ppDP))
    let graph = try PlannedBaselines.graph(of: plan, model: "gpt-tiny")
    #expect(plan.search.method == "pp-dp")
    #expect(plan.stages.flatMap(\.devices).count == 8)
    for stage in plan.stages {
      #expect(stage.logicalShape == LogicalMeshShape(rows: stage.devices.count, columns: 1))
    }
    for (name, _, spec) in Self.inputSpecs(.parameter, of: plan, in: graph) {
      #expect(spec.splitAxes.isEmpty, "\(name): \(spec)")
    }
  }

  @Test("inter-op only runs a stage per device, and refuses fewer layers than devices")
  func interOpOnly() throws {
    let plan = try PlannedBaselines.interOpOnlySmall()
    #expect(plan.search.method == "inter-op-only")
    #expect(plan.stages.count == 4)
    #expect(plan.stages.last?.lastLayer == 7)
    for stage in plan.stages {
      #expect(stage.submesh == SubmeshShape(hostCount: 1, devicesPerHost: 1))
      #expect(stage.logicalShape == LogicalMeshShape(rows: 1, columns: 1))
    }
    #expect(plan.estimate?.isValid == true, "\(plan.estimate?.issues ?? [])")
    #expect {
      try PlannedBaselines.planner.plan(
        PlannedBaselines.source("gpt-tiny"), on: PlannedBaselines.host(), baseline: .interOpOnly)
    } throws: { error in
      guard case PlannerError.invalidOption(let reason) = error else { return false }
      return reason.contains("layer per device") && reason.contains("4 layers for 8 devices")
    }
  }

  @Test("intra-op only searches shardings of one stage over every device")
  func intraOpOnly() throws {
    let plan = try #require(try PlannedBaselines.gpt(.intraOpOnly))
    #expect(plan.search.method == "intra-op-only")
    #expect(plan.stages.count == 1)
    #expect(plan.stages.first?.devices.count == 8)
  }

  @Test("DeepSpeed-MoE splits experts over the devices that divide them and the batch over all")
  func deepSpeedMoE() throws {
    // 4 experts on 8 devices: expert parallel over 4 (axis 1), data parallel over all 8.
    let plan = try PlannedBaselines.deepSpeedMoE()
    #expect(plan.search.method == "deepspeed-moe")
    #expect(plan.search.notes.contains("4 experts over 4 of 8 devices"))
    #expect(plan.stages.map(\.logicalShape) == [LogicalMeshShape(rows: 2, columns: 4)])
    #expect(
      PlannedBaselines.spec(of: "block1/moe/experts/fc1/w", in: plan)?.dims == [
        .axis1, .replicated, .replicated,
      ])
    #expect(PlannedBaselines.spec(of: "block1/moe/experts/fc2/b", in: plan)?.dims.first == .axis1)
    #expect(PlannedBaselines.spec(of: "block1/moe/gate/w", in: plan)?.splitAxes == [])
    #expect(PlannedBaselines.spec(of: "block0/mlp/fc1/w", in: plan)?.splitAxes == [])
    // 4 experts on 4 devices: one expert per device.
    let small = try PlannedBaselines.deepSpeedMoESmall()
    #expect(small.stages.map(\.logicalShape) == [LogicalMeshShape(rows: 4, columns: 1)])
    #expect(
      PlannedBaselines.spec(of: "block1/moe/experts/fc2/w", in: small)?.dims == [
        .axis0, .replicated, .replicated,
      ])
  }

  @Test("DeepSpeed-MoE refuses a dense model")
  func deepSpeedMoEDense() throws {
    #expect {
      try PlannedBaselines.planner.plan(
        PlannedBaselines.source("gpt-tiny"), on: PlannedBaselines.host(), baseline: .deepspeedMoE)
    } throws: { error in
      guard case PlannerError.invalidOption(let reason) = error else { return false }
      return reason.contains("deepspeed-moe applies to MoE models")
    }
  }

  @Test(
    "a baseline's plan is estimated, and never faster than Shardline's on the same model",
    arguments: Baseline.allCases)
  func noFasterThanShardline(baseline: Baseline) throws {
    guard let plan = try PlannedBaselines.gpt(baseline) else { return }
    let estimate = try #require(plan.estimate)
    #expect(estimate.iterationSeconds.isFinite && estimate.iterationSeconds > 0)
    guard estimate.isValid else { return }
    let shardline = try #require(try PlannedBaselines.shardlineGPT().estimate)
    #expect(shardline.isValid)
    #expect(
      shardline.iterationSeconds <= estimate.iterationSeconds * (1 + 1e-9),
      "\(baseline): Shardline \(shardline.iterationSeconds) s, baseline \(estimate.iterationSeconds) s"
    )
  }

  @Test("Shardline is never slower than DeepSpeed-MoE or inter-op only on the same model")
  func noFasterThanShardlineSmall() throws {
    let shardline = try #require(try PlannedBaselines.shardlineMoESmall().estimate)
    let deepSpeed = try #require(try PlannedBaselines.deepSpeedMoESmall().estimate)
    #expect(deepSpeed.iterationSeconds.isFinite)
    #expect(shardline.isValid && deepSpeed.isValid)
    #expect(shardline.iterationSeconds <= deepSpeed.iterationSeconds * (1 + 1e-9))
    let deepGPT = try #require(try PlannedBaselines.shardlineDeepGPTSmall().estimate)
    let interOp = try #require(try PlannedBaselines.interOpOnlySmall().estimate)
    #expect(deepGPT.isValid && interOp.isValid)
    #expect(deepGPT.iterationSeconds <= interOp.iterationSeconds * (1 + 1e-9))
  }
}
