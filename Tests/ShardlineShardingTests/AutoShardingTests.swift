import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlineSharding
import ShardlineSolver
import Testing

/// Golden tests of the intra-operator pass: models with every option set in the test, asserting
/// the sharding of named ops (STYLE.md habit 6).
@Suite("Intra-operator auto-sharding")
struct AutoShardingTests {
  /// A two-layer MLP without biases trained with SGD on a squared-activation loss.
  static func mlp(batch: Int, hidden: Int) throws -> Graph {
    try TrainingStep.build(
      name: "mlp", options: TrainingOptions(optimizer: .sgd(learningRate: 0.1))
    ) {
      b in
      let x = try b.input("x", TensorType([batch, hidden], .f32), initializer: .normal(stddev: 1))
      let h = try b.layer(0, named: "fc1") {
        try b.relu(b.linear(x, hidden, bias: false, label: "linear"))
      }
      let y = try b.layer(1, named: "fc2") { try b.linear(h, hidden, bias: false, label: "linear") }
      return try b.scale(b.sum(b.unary(.square, y), dimensions: [0, 1]), by: 1 / Double(batch))
    }
  }

  static func solve(
    _ graph: Graph, mesh: (Int, Int), request: ShardingRequest = ShardingRequest(),
    solver: any ILPSolver = CBCSolver()
  ) throws -> IntraOpPlan {
    let context = ShardingFixtures.context(graph, mesh.0, mesh.1)
    return try AutoSharding(context: context, solver: solver).solve(request)
  }

  static func weightSpec(_ plan: IntraOpPlan, _ layer: String) -> String? {
    plan.op(named: "\(layer)/linear/w")?.spec.description
  }

  @Test("a large batch with small weights comes out data parallel")
  func dataParallel() throws {
    let plan = try Self.solve(Self.mlp(batch: 8192, hidden: 256), mesh: (1, 8))
    // The batch input may stay replicated: slicing it costs nothing.
    #expect(plan.op(named: "fc1/linear/dot_general")?.spec.description == "S1R")
    #expect(Self.weightSpec(plan, "fc1") == "RR")
    #expect(Self.weightSpec(plan, "fc2") == "RR")
    // One gradient all-reduce per weight (256·256·4 bytes each), nothing else of that size.
    let weightBytes = 256.0 * 256 * 4
    let allReduces = plan.collectives.filter { $0.kind == .allReduce }
    #expect(allReduces.filter { $0.bytes == weightBytes }.count == 2)
    #expect(
      plan.collectives.allSatisfy {
        $0.kind == .allReduce && $0.bytes == weightBytes || $0.bytes < 1024
      })
  }

  @Test("a small batch with large weights comes out Megatron-style: column then row split")
  func megatronStyle() throws {
    let plan = try Self.solve(Self.mlp(batch: 8, hidden: 4096), mesh: (1, 8))
    #expect(Self.weightSpec(plan, "fc1") == "RS1")
    #expect(Self.weightSpec(plan, "fc2") == "S1R")
    // Only activations move: every collective is far smaller than a weight (64 MiB).
    let activationBytes = 8.0 * 4096 * 4
    #expect(plan.collectives.allSatisfy { $0.bytes <= activationBytes })
    #expect(!plan.collectives.isEmpty)
  }

  @Test("the ILP's plan equals exhaustive enumeration on small random graphs", arguments: 0..<6)
  func matchesExhaustive(seed: Int) throws {
    let graph = try RandomGraphs.chain(seed: UInt64(seed))
    let ilp = try Self.solve(graph, mesh: (2, 2))
    let exhaustive = try Self.solve(graph, mesh: (2, 2), solver: ExhaustiveSolver())
    #expect(
      abs(ilp.totalSeconds - exhaustive.totalSeconds) <= 1e-9 * max(1, exhaustive.totalSeconds))
  }

  @Test("the same inputs give the same spec for every op")
  func deterministic() throws {
    let graph = try Self.mlp(batch: 64, hidden: 512)
    let first = try Self.solve(graph, mesh: (2, 4))
    let second = try Self.solve(graph, mesh: (2, 4))
    #expect(first.ops.map(\.spec) == second.ops.map(\.spec))
  }

  @Test("a pin is honoured and a spec the op cannot take is refused")
  func pins() throws {
    let graph = try Self.mlp(batch: 8192, hidden: 256)
    let plan = try Self.solve(
      graph, mesh: (1, 8),
      request: ShardingRequest(pins: ["fc1/linear/w": ShardingSpec(parsing: "RS1")!]))
    #expect(Self.weightSpec(plan, "fc1") == "RS1")
    #expect(throws: ShardingError.self) {
      try Self.solve(
        graph, mesh: (1, 8),
        request: ShardingRequest(pins: ["fc1/linear/w": ShardingSpec(parsing: "RRR")!]))
    }
    #expect(throws: ShardingError.self) {
      try Self.solve(
        graph, mesh: (1, 8), request: ShardingRequest(pins: ["nope": ShardingSpec(parsing: "RR")!]))
    }
  }
}

/// Small random forward graphs (at most 8 ops) for comparing solvers.
enum RandomGraphs {
  /// Two matmuls with random sizes, an optional tanh between them, and a squared-sum loss.
  static func chain(seed: UInt64) throws -> Graph {
    var state = seed &+ 0x9E37_79B9
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let sizes = [2, 4, 64, 512]
    let b = GraphBuilder(name: "random")
    let x = try b.input("x", TensorType([sizes[next(4)], sizes[next(4)]], .f32))
    let w1 = try b.input("w1", TensorType([x.shape[1], sizes[next(4)]], .f32), role: .parameter)
    var h = try b.matmul(x, w1)
    if next(2) == 0 { h = try b.unary(.tanh, h) }
    let w2 = try b.input("w2", TensorType([h.shape[1], sizes[next(4)]], .f32), role: .parameter)
    let loss = try b.sum(b.matmul(h, w2), dimensions: [0, 1])
    b.output(loss, role: .loss)
    return b.build()
  }
}
