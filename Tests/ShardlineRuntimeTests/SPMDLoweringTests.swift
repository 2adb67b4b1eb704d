import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineModels
import ShardlineRuntime
import ShardlineSharding
import Testing

@Suite("SPMD lowering")
struct SPMDLoweringTests {
  /// A matmul chain on a 2×2 mesh:
  /// - `h = x·w1` as `S0S1 = S0R × RS1` (batch split over 0, weight split over 1);
  /// - `g = x·w1` as `S0R = S0R × RR`, all-gathering the `RS1` weight over axis 1;
  /// - `y = h·w2` as `S0RP1 = S0S1 × S1R`, a contraction split left partial over axis 1;
  /// - `u = y + c` as `S01R`, reduce-scattering `y` over axis 1 and slicing `c` locally;
  /// - `v = u·w3` as `RR = RS1 × S1R + all-reduce`, moving `u`'s split with an all-to-all.
  static func chain() throws -> (Graph, [ShardingStrategy?]) {
    let b = GraphBuilder(name: "chain")
    let x = try b.input("x", TensorType([8, 6], .f32), initializer: .normal(stddev: 1))
    let w1 = try b.input("w1", TensorType([6, 4], .f32), initializer: .normal(stddev: 1))
    let w2 = try b.input("w2", TensorType([4, 6], .f32), initializer: .normal(stddev: 1))
    let c = try b.input("c", TensorType([8, 6], .f32), initializer: .normal(stddev: 1))
    let w3 = try b.input("w3", TensorType([6, 4], .f32), initializer: .normal(stddev: 1))
    let h = try b.matmul(x, w1)
    let g = try b.matmul(x, w1)
    let y = try b.matmul(h, w2)
    let u = try b.add(y, c)
    let v = try b.matmul(u, w3)
    for value in [h, g, y, u, v] { b.output(value) }
    let strategies = [
      strategy("S0R", []), strategy("RS1", []), strategy("S1R", []), strategy("RR", []),
      strategy("S1R", []),
      strategy("S0S1", ["S0R", "RS1"]), strategy("S0R", ["S0R", "RR"]),
      strategy("S0RP1", ["S0S1", "S1R"]),
      strategy("S01R", ["S01R", "S01R"]), strategy("RR", ["RS1", "S1R"], allReduceOver: [1]),
    ]
    return (b.build(), strategies)
  }

  @Test("a hand-sharded matmul chain matches the interpreter on 2×2")
  func matmulChain() async throws {
    let (graph, strategies) = try Self.chain()
    try await LoweringFixtures.expectMatchesInterpreter(
      graph, strategies: strategies, mesh: MeshShape(2, 2))
  }

  @Test("the matmul chain's programs use every collective kind on the right groups")
  func chainCollectives() throws {
    let (graph, strategies) = try Self.chain()
    let devices = (0..<4).map(DeviceID.init(rawValue:))
    let programs = try SPMDLowering(
      graph: graph, strategies: strategies, mesh: MeshShape(2, 2), devices: devices
    ).programs()
    var kinds: Set<CollectiveKind> = []
    for case .collective(let operation, _, let group, _) in programs[3].instructions {
      kinds.insert(operation.kind)
      #expect(group.devices.contains(DeviceID(3)))
      #expect([[1, 3], [2, 3]].contains(group.devices.map(\.rawValue)))
    }
    #expect(kinds == [.allReduce, .allGather, .reduceScatter, .allToAll])
  }

  /// The ILP alone replicates these tiny models (communication costs more than it saves), so
  /// the modes that constrain it to shard are used as well.
  static let modes: [ShardingMode] = [.auto, .shardedState, .zero2, .megatron]

  @Test(
    "the mlp-tiny training step under the ILP's sharding matches the interpreter",
    arguments: [(1, 2), (2, 1), (2, 2), (1, 4)], modes)
  func mlpTiny(mesh: (Int, Int), mode: ShardingMode) async throws {
    let graph = try ModelZoo.preset(named: "mlp-tiny").trainingStep()
    let strategies = try LoweringFixtures.solvedStrategies(graph, mesh.0, mesh.1, mode: mode)
    #expect(mode == .auto || strategies.contains { !($0?.output.splitAxes.isEmpty ?? true) })
    try await LoweringFixtures.expectMatchesInterpreter(
      graph, strategies: strategies, mesh: MeshShape(mesh.0, mesh.1))
  }

  @Test(
    "gpt-tiny's training step sharded by the ILP without vocabulary splits matches on 2×2",
    arguments: [ShardingMode.auto, .shardedState, .zero2])
  func gptTiny(mode: ShardingMode) async throws {
    // Adam turns the qkv bias's key part, whose gradient is rounding noise around 0 (softmax
    // ignores a bias shared by all keys), into full steps of either sign; SGD keeps it small.
    let graph = try ModelZoo.preset(named: "gpt-tiny").trainingStep(
      optimizer: .sgd(learningRate: 0.1))
    let strategies = try LoweringFixtures.solvedStrategies(
      graph, 2, 2, mode: mode, options: ShardingOptions(allowsVocabularySplit: false))
    #expect(mode == .auto || strategies.contains { !($0?.output.splitAxes.isEmpty ?? true) })
    try await LoweringFixtures.expectMatchesInterpreter(
      graph, strategies: strategies, mesh: MeshShape(2, 2))
  }

  @Test("a max over a split dimension is refused with an error naming the node")
  func unsupportedReduction() throws {
    let b = GraphBuilder(name: "max")
    let x = try b.input("x", TensorType([8, 6], .f32))
    let m = try b.emit(.reduce(.max, dimensions: [0]), [x], label: "colmax")
    b.output(m)
    let lowering = try SPMDLowering(
      graph: b.build(), strategies: [strategy("S0R", []), strategy("R", ["S0R"])],
      mesh: MeshShape(2, 1),
      devices: [DeviceID(0), DeviceID(1)])
    #expect(
      throws: LoweringError.unsupported(
        node: "colmax", reason: "a max reduction over a split dimension")
    ) {
      try lowering.programs()
    }
  }

  @Test("an operand split unlike the result is refused rather than computed wrongly")
  func mismatchedElementwise() throws {
    let b = GraphBuilder(name: "add")
    let x = try b.input("x", TensorType([4, 4], .f32))
    let y = try b.input("y", TensorType([4, 4], .f32))
    b.output(try b.add(x, y))
    let lowering = try SPMDLowering(
      graph: b.build(),
      strategies: [strategy("S0R", []), strategy("RS1", []), strategy("S0R", ["S0R", "RS0"])],
      mesh: MeshShape(2, 2), devices: (0..<4).map(DeviceID.init(rawValue:)))
    #expect(throws: LoweringError.self) { try lowering.programs() }
  }
}

/// A hand-picked strategy with no costs (see ``LoweringFixtures/strategy(_:_:allReduceOver:)``).
private func strategy(
  _ output: String, _ operands: [String], allReduceOver axes: [Int]? = nil
) -> ShardingStrategy {
  LoweringFixtures.strategy(output, operands, allReduceOver: axes)
}
