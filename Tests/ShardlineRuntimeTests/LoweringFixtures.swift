import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineRuntime
import ShardlineSharding
import ShardlineSolver
import Testing

/// Shared helpers of the SPMD lowering tests: solving a sharding, running the lowered programs
/// and comparing them with the interpreter.
enum LoweringFixtures {
  /// A context for `graph` on an `n0 × n1` mesh of V100s on one p3.16xlarge host.
  static func context(
    _ graph: Graph, _ n0: Int, _ n1: Int, options: ShardingOptions = ShardingOptions()
  ) -> ShardingContext {
    let host = ClusterSpec.preset(named: "p3.16xlarge")!.host
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: n0, columns: n1),
      submesh: SubmeshShape(hostCount: 1, devicesPerHost: n0 * n1), host: host)
    return ShardingContext(
      graph: graph, mesh: mesh, costModel: ComputeCostModel(device: .v100SXM2), options: options)
  }

  /// The strategy of every node under the ILP's solution (CBC) for `graph` on `n0 × n1` in
  /// `mode`.
  static func solvedStrategies(
    _ graph: Graph, _ n0: Int, _ n1: Int, mode: ShardingMode,
    options: ShardingOptions = ShardingOptions()
  ) throws -> [ShardingStrategy?] {
    let context = context(graph, n0, n1, options: options)
    let plan = try AutoSharding(context: context, solver: CBCSolver())
      .solve(ShardingRequest(mode: mode))
    let decisions = Dictionary(
      uniqueKeysWithValues: plan.ops.map {
        ($0.node, FixedSharding.Decision(strategy: $0.strategy, spec: $0.spec))
      })
    return try FixedSharding(context: context).strategies(deciding: decisions)
  }

  /// A strategy with no costs, for hand-picked shardings.
  static func strategy(
    _ output: String, _ operands: [String], allReduceOver axes: [Int]? = nil
  ) -> ShardingStrategy {
    let collectives = axes.map { [Collective(kind: .allReduce, axes: $0, bytes: 0, seconds: 0)] }
    return ShardingStrategy(
      name: output, output: ShardingSpec(parsing: output)!,
      operands: operands.map { ShardingSpec(parsing: $0)! }, computeSeconds: 0,
      collectives: collectives ?? [], outputBytesPerDevice: 0)
  }

  /// Lowers `graph` under `strategies`, runs it on CPU devices, and expects every device's
  /// downloads to match the interpreter's outputs within a relative error of 1e-4.
  ///
  /// - Parameter label: Names the case in failure messages.
  static func expectMatchesInterpreter(
    _ graph: Graph, strategies: [ShardingStrategy?], mesh: MeshShape, seed: UInt64 = 1,
    label: String = ""
  ) async throws {
    let devices = (0..<mesh.deviceCount).map(DeviceID.init(rawValue:))
    let lowering = try SPMDLowering(
      graph: graph, strategies: strategies, mesh: mesh, devices: devices)
    let inputs = HostTensor.initialInputs(for: graph, seed: seed)
    let expected = try Interpreter.run(graph, inputs: inputs)
    let execution = Execution(
      programs: try lowering.programs(), options: ExecutionOptions(watchdogTimeoutSeconds: 20))
    let results = try await execution.run(
      on: CPUBackend(devices: devices), inputs: lowering.inputs(inputs))
    for device in devices {
      let actual = try #require(results[device])
      try #require(actual.count == expected.count)
      for (index, (got, want)) in zip(actual, expected).enumerated() {
        #expect(got.shape == want.shape, "\(label) \(device) output \(index)")
        let scale = max(want.storage.map(abs).max() ?? 0, 1e-6)
        let error = zip(got.storage, want.storage).map { abs($0 - $1) }.max() ?? 0
        let name = graph[graph.outputs[index].node].name
        #expect(
          error / scale <= 1e-4, "\(label) \(device) output \(index) '\(name)': \(error / scale)")
      }
    }
  }
}
