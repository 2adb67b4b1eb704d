import ShardlineHardware
import ShardlinePlanner
import Testing

@Suite("StageDP")
struct StageDPTests {
  /// Two layers on one host of two devices; submeshes (1, 1) and (1, 2).
  static func twoLayerProblem(microbatches: Int, memoryBytes: Double = .infinity)
    -> StageDPProblem
  {
    StageDPProblem(
      layerCount: 2, mesh: PhysicalMesh(hostCount: 1, devicesPerHost: 2),
      microbatches: microbatches, deviceMemoryBytes: memoryBytes
    ) { layers, submesh in
      switch (layers.lowerBound, layers.upperBound, submesh) {
      case (0, 0, 0): StageCandidate(latencySeconds: 1.0, fixedBytes: 4, activationBytes: 3)
      case (1, 1, 0): StageCandidate(latencySeconds: 1.5, fixedBytes: 4, activationBytes: 3)
      case (0, 1, 1): StageCandidate(latencySeconds: 2.0, fixedBytes: 4, activationBytes: 3)
      case (0, 1, 0): StageCandidate(latencySeconds: 3.0)  // uses one device only: never whole
      default: nil
      }
    }
  }

  @Test("a hand-worked two-layer example: pipelining wins only with several microbatches")
  func handWorked() throws {
    // One stage, layers 0–1 on 1×2: T = 2.0 + (B − 1)·2.0 = 2B.
    // Two stages on 1×1 each: T = 1.0 + 1.5 + (B − 1)·1.5 = 1 + 1.5B.
    // B = 1: 2.0 < 2.5 → one stage.  B = 4: 8.0 > 7.0 → two stages.
    let single = try #require(StageDP.solve(Self.twoLayerProblem(microbatches: 1)))
    #expect(single.stages.map(\.layers) == [0...1])
    #expect(single.stages.map(\.submesh) == [1])
    #expect(single.iterationSeconds == 2.0)

    let piped = try #require(StageDP.solve(Self.twoLayerProblem(microbatches: 4)))
    #expect(piped.stages.map(\.layers) == [0...0, 1...1])
    #expect(piped.stages.map(\.submesh) == [0, 0])
    #expect(piped.stages.map { $0.devices.map(\.rawValue) } == [[0], [1]])
    #expect(piped.iterationSeconds == 7.0)
  }

  @Test("1F1B memory: the first of two stages holds two microbatches and may not fit")
  func handWorkedMemory() throws {
    // Two stages, B = 4: stage 0 holds min(2, 4) = 2 microbatches: 4 + 2·3 = 10 bytes;
    // stage 1 holds 1: 4 + 3 = 7 bytes. One stage holds min(1, 4) = 1: 7 bytes.
    // With 9 bytes per device the two-stage pipeline (T = 7.0) no longer fits, so T = 8.0.
    let roomy = try #require(StageDP.solve(Self.twoLayerProblem(microbatches: 4, memoryBytes: 10)))
    #expect(roomy.iterationSeconds == 7.0)
    let tight = try #require(StageDP.solve(Self.twoLayerProblem(microbatches: 4, memoryBytes: 9)))
    #expect(tight.stages.map(\.layers) == [0...1])
    #expect(tight.iterationSeconds == 8.0)
    // With 6 bytes nothing fits: even one microbatch needs 7.
    #expect(StageDP.solve(Self.twoLayerProblem(microbatches: 4, memoryBytes: 6)) == nil)
    #expect(StageDP.bruteForce(Self.twoLayerProblem(microbatches: 4, memoryBytes: 6)) == nil)
  }

  @Test("stage counts: forcing exactly one stage gives the single-stage plan")
  func forcedStageCount() throws {
    var problem = Self.twoLayerProblem(microbatches: 4)
    problem.stageCounts = 1...1
    let solution = try #require(StageDP.solve(problem))
    #expect(solution.stages.count == 1)
    #expect(solution.iterationSeconds == 8.0)
    problem.stageCounts = 3...5
    #expect(StageDP.solve(problem) == nil)
  }

  @Test("when every pair is pruned there is no plan")
  func allPruned() {
    let problem = StageDPProblem(
      layerCount: 3, mesh: PhysicalMesh(hostCount: 2, devicesPerHost: 4), microbatches: 8
    ) { _, _ in nil }
    #expect(StageDP.solve(problem) == nil)
    #expect(StageDP.bruteForce(problem) == nil)
  }

  @Test("a plan that cannot use every device is no plan")
  func mustUseEveryDevice() {
    // Only (1, 1) allowed on a 1 × 4 mesh with two layers: two stages use 2 of 4 devices.
    let problem = StageDPProblem(
      layerCount: 2, mesh: PhysicalMesh(hostCount: 1, devicesPerHost: 4), microbatches: 2
    ) { _, submesh in submesh == 0 ? StageCandidate(latencySeconds: 1) : nil }
    #expect(StageDP.solve(problem) == nil)
  }

  @Test("stages tile an 8 × 8 mesh with disjoint devices of their submesh's shape")
  func placement() throws {
    let mesh = PhysicalMesh(hostCount: 8, devicesPerHost: 8)
    let problem = Self.balancedProblem(layers: 32, mesh: mesh, microbatches: 16)
    let solution = try #require(StageDP.solve(problem))
    #expect(solution.stages.count > 1)
    let devices = solution.stages.flatMap(\.devices)
    #expect(devices.count == mesh.deviceCount)
    #expect(Set(devices) == Set(mesh.deviceIDs))
    var next = 0
    for stage in solution.stages {
      #expect(stage.layers.lowerBound == next)
      next = stage.layers.upperBound + 1
      let shape = problem.submeshes[stage.submesh]
      #expect(stage.devices.count == shape.deviceCount)
      #expect(Set(stage.devices.map(mesh.host(of:))).count == shape.hostCount)
    }
    #expect(next == 32)
  }

  @Test("the same problem gives the same plan")
  func deterministic() throws {
    let problem = Self.balancedProblem(
      layers: 16, mesh: PhysicalMesh(hostCount: 4, devicesPerHost: 8), microbatches: 8)
    let first = try #require(StageDP.solve(problem))
    let second = try #require(StageDP.solve(problem))
    #expect(first == second)
  }

  /// Layers of equal work, a latency that scales sublinearly with devices, mild memory pressure.
  static func balancedProblem(layers: Int, mesh: PhysicalMesh, microbatches: Int)
    -> StageDPProblem
  {
    let shapes = mesh.submeshShapes
    let total = Double(mesh.deviceCount)
    return StageDPProblem(
      layerCount: layers, mesh: mesh, microbatches: microbatches, deviceMemoryBytes: 100
    ) { range, submesh in
      let count = Double(range.count)
      let devices = Double(shapes[submesh].deviceCount)
      let share = devices / total * Double(layers)
      guard share <= 4 * count, count <= 4 * share else { return nil }
      return StageCandidate(
        latencySeconds: count / devices * (1 + 0.05 * devices.squareRoot()),
        fixedBytes: 20 * count / devices,
        activationBytes: 2 * count / devices.squareRoot())
    }
  }
}
