import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlineRuntime
import ShardlineSharding
import Testing

/// Convolutions: every strategy the sharding pass enumerates for Wide-ResNet's convolutions
/// (forward, input gradient, kernel gradient), and the whole training step under the ILP.
extension SPMDLoweringTests {
  /// wresnet-tiny's training step on 8×8 images, with SGD, whose small steps keep rounding noise
  /// small.
  static func wideResNet() throws -> Graph {
    try ModelZoo.preset(named: "wresnet-tiny").applying(ModelOverrides(imageSize: 8))
      .trainingStep(optimizer: .sgd(learningRate: 0.1))
  }

  @Test(
    "every convolution strategy of wresnet-tiny's training step matches the interpreter",
    arguments: [(2, 2), (1, 4)])
  func everyConvolutionStrategy(mesh: (Int, Int)) async throws {
    let convolutions = try LoweringFixtures.isolatedOps(of: Self.wideResNet(), indexBound: 1) {
      if case .convolution = $0 { true } else { false }
    }
    var run: [ShardingStrategy] = []
    for graph in convolutions {
      run += try await LoweringFixtures.expectEveryStrategyMatches(graph, mesh.0, mesh.1)
    }
    // Forward, input-gradient and kernel-gradient forms, each split every way the pass offers.
    #expect(convolutions.count >= 3)
    #expect(run.contains { !$0.output.partialAxes.isEmpty })
    #expect(run.contains { !$0.collectives.isEmpty })
    #expect(run.contains { $0.output.partialAxes.isEmpty && !$0.output.splitAxes.isEmpty })
  }

  /// Meshes and modes in which the ILP splits some of wresnet-tiny's convolutions (on their
  /// features: it replicates them in `auto` and `megatron` mode, and even `dp` batch-splits
  /// only one; ``wideResNetDataParallel(mesh:)`` covers batch splits).
  static let wideResNetCases: [((Int, Int), ShardingMode)] = [
    ((2, 1), .zero3), ((1, 4), .shardedState), ((2, 2), .shardedState), ((2, 2), .zero3),
  ]

  @Test(
    "the wresnet-tiny training step under the ILP's sharding matches the interpreter",
    arguments: wideResNetCases)
  func wideResNetTiny(mesh: (Int, Int), mode: ShardingMode) async throws {
    let graph = try Self.wideResNet()
    let strategies = try LoweringFixtures.solvedStrategies(graph, mesh.0, mesh.1, mode: mode)
    let splitConvolutions = graph.nodes.filter { node in
      guard case .convolution = node.op, let strategy = strategies[node.id.rawValue] else {
        return false
      }
      return strategy.operands.contains { !($0?.splitAxes.isEmpty ?? true) }
    }
    #expect(!splitConvolutions.isEmpty)
    try await LoweringFixtures.expectMatchesInterpreter(
      graph, strategies: strategies, mesh: MeshShape(mesh.0, mesh.1))
  }
}

/// Grouped convolutions and the convolution layouts the lowering refuses.
extension SPMDLoweringTests {
  /// A 3×3 convolution of `[4, 6, 6, 4]` images into 8 features in `groups` groups, padded to
  /// keep the image size.
  static func groupedConvolution(groups: Int) throws -> Graph {
    let b = GraphBuilder(name: "grouped\(groups)")
    let x = try b.input("x", TensorType([4, 6, 6, 4], .f32), initializer: .normal(stddev: 1))
    let w = try b.input(
      "w", TensorType([3, 3, 4 / groups, 8], .f32), initializer: .normal(stddev: 1))
    let attributes = ConvolutionAttributes.nhwc(
      padding: [[1, 1], [1, 1]], featureGroupCount: groups)
    b.output(try b.emit(.convolution(attributes), [x, w]))
    return b.build()
  }

  @Test(
    "every strategy of a grouped convolution whose groups divide among the devices matches",
    arguments: [(2, 2), (1, 4)])
  func groupedConvolution(mesh: (Int, Int)) async throws {
    let run = try await LoweringFixtures.expectEveryStrategyMatches(
      Self.groupedConvolution(groups: 4), mesh.0, mesh.1)
    #expect(run.contains { !$0.output.dims[3].axes.isEmpty })
  }

  /// Lowers `graph` on `mesh` under `strategies` and returns the reason it is refused.
  static func refusal(
    _ graph: Graph, _ strategies: [ShardingStrategy?], mesh: MeshShape
  ) throws -> String? {
    let lowering = try SPMDLowering(
      graph: graph, strategies: strategies, mesh: mesh,
      devices: (0..<mesh.deviceCount).map(DeviceID.init(rawValue:)))
    let error = #expect(throws: LoweringError.self) { try lowering.programs() }
    guard case .unsupported(let node, let reason) = error else { return nil }
    #expect(node == "convolution")
    return reason
  }

  @Test("a grouped convolution whose groups do not divide among its devices is refused")
  func unevenGroups() throws {
    let reason = try Self.refusal(
      Self.groupedConvolution(groups: 2),
      [
        LoweringFixtures.strategy("RRRR", []), LoweringFixtures.strategy("RRRS1", []),
        LoweringFixtures.strategy("RRRS1", ["RRRR", "RRRS1"]),
      ], mesh: MeshShape(1, 4))
    #expect(
      reason
        == "its input RRRR is not split on the features as its result RRRS1: its 2 groups must "
        + "divide among the devices the features are split over")
  }

  @Test("a convolution split along a spatial dimension is refused")
  func spatialSplit() throws {
    let reason = try Self.refusal(
      Self.groupedConvolution(groups: 1),
      [
        LoweringFixtures.strategy("RS1RR", []), LoweringFixtures.strategy("RRRR", []),
        LoweringFixtures.strategy("RS1RR", ["RS1RR", "RRRR"]),
      ], mesh: MeshShape(1, 2))
    #expect(reason == "a spatial dimension of its input is split (it would need halo exchanges)")
  }
}

/// Wide-ResNet data parallel: convolutions, batch norms and pooling on batch shards.
extension SPMDLoweringTests {
  @Test(
    "the wresnet-tiny training step, data parallel by a greedy choice, matches the interpreter",
    arguments: [(2, 2), (1, 4)])
  func wideResNetDataParallel(mesh: (Int, Int)) async throws {
    let graph = try Self.wideResNet()
    let strategies = try LoweringFixtures.greedyDataParallel(graph, mesh.0, mesh.1)
    let forwardConvolutions = graph.nodes.compactMap { node in
      if case .convolution(let a) = node.op, node.phase == .forward { (node.id, a) } else { nil }
    }
    let batchSplit = forwardConvolutions.filter { id, a in
      !(strategies[id.rawValue]?.operands[0]?.dims[a.inputBatchDimension].axes.isEmpty ?? true)
    }
    let splitReductions = graph.nodes.filter { node in
      guard case .reduce(_, let dimensions) = node.op,
        let spec = strategies[node.id.rawValue]?.operands[0]
      else { return false }
      return dimensions.contains { !spec.dims[$0].axes.isEmpty }
    }
    #expect(!forwardConvolutions.isEmpty && batchSplit.count == forwardConvolutions.count)
    #expect(!splitReductions.isEmpty)
    try await LoweringFixtures.expectMatchesInterpreter(
      graph, strategies: strategies, mesh: MeshShape(mesh.0, mesh.1))
  }
}
