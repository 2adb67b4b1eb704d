import ShardlineHardware
import ShardlineInterpreter
import ShardlinePlanner
import Testing

extension StageDPTests {
  /// A random small problem: L ≤ 5, a 1×4, 2×2 or 2×4 mesh, some pairs pruned, some candidates
  /// too big for memory with several microbatches in flight, latencies on a coarse grid for ties.
  static func randomProblem(
    seed: UInt64, meshes: [(Int, Int)] = [(1, 4), (2, 2), (2, 4)],
    layerCounts: ClosedRange<Int> = 1...5,
    microbatches: ClosedRange<Int> = 1...6
  ) -> StageDPProblem {
    var random = SplitMix64(seed: seed)
    let (hosts, width) = meshes[Int.random(in: 0..<meshes.count, using: &random)]
    let mesh = PhysicalMesh(hostCount: hosts, devicesPerHost: width)
    let shapes = mesh.submeshShapes
    let layers = Int.random(in: layerCounts, using: &random)
    let pruned = Double.random(in: 0...0.6, using: &random)
    let coarse = Bool.random(using: &random)
    var table = [StageCandidate?](repeating: nil, count: layers * layers * shapes.count)
    for start in 0..<layers {
      for end in start..<layers {
        for index in shapes.indices where Double.random(in: 0..<1, using: &random) >= pruned {
          let work = Double(end - start + 1) / Double(shapes[index].deviceCount)
          var latency = work * Double.random(in: 0.5...1.5, using: &random)
          if coarse { latency = (latency * 4).rounded(.up) / 4 }
          table[(start * layers + end) * shapes.count + index] = StageCandidate(
            latencySeconds: latency,
            fixedBytes: Double(Int.random(in: 0...6, using: &random)),
            activationBytes: Double(Int.random(in: 0...3, using: &random)))
        }
      }
    }
    let stageCounts: ClosedRange<Int>? =
      switch Int.random(in: 0..<4, using: &random) {
      case 0: 1...1
      case 1:
        Int.random(in: 1...3, using: &random)...Int.random(in: 3...(layers + 3), using: &random)
      default: nil
      }
    let frozen = table
    return StageDPProblem(
      layerCount: layers, mesh: mesh, microbatches: Int.random(in: microbatches, using: &random),
      deviceMemoryBytes: Double(Int.random(in: 6...14, using: &random)), stageCounts: stageCounts
    ) { range, submesh in
      frozen[(range.lowerBound * layers + range.upperBound) * shapes.count + submesh]
    }
  }

  /// Checks a solution against the rules without the DP: contiguous layers, costs as given,
  /// memory under 1F1B, allowed stage count, devices tiling the mesh, objective recomputed.
  static func checkValid(_ solution: StageDPSolution, for problem: StageDPProblem) {
    var next = 0
    for (position, stage) in solution.stages.enumerated() {
      #expect(stage.layers.lowerBound == next)
      next = stage.layers.upperBound + 1
      #expect(problem.cost(stage.layers, stage.submesh) == stage.candidate)
      #expect(problem.fits(stage.candidate, stagesRemaining: solution.stages.count - position))
      #expect(stage.devices.count == problem.submeshes[stage.submesh].deviceCount)
    }
    #expect(next == problem.layerCount)
    #expect(problem.stageCounts?.contains(solution.stages.count) ?? true)
    let devices = solution.stages.flatMap(\.devices)
    #expect(devices.count == problem.mesh.deviceCount)
    #expect(Set(devices) == Set(problem.mesh.deviceIDs))
    let latencies = solution.stages.map(\.candidate.latencySeconds)
    let expected = latencies.reduce(0, +) + Double(problem.microbatches - 1) * latencies.max()!
    #expect(solution.iterationSeconds == expected)
  }

  @Test("the DP finds the brute-force optimum on random small tables", arguments: 0..<8)
  func matchesBruteForce(batch: UInt64) {
    let (solved, unique) = Self.compareWithBruteForce(seeds: (batch * 100)..<(batch * 100 + 100)) {
      Self.randomProblem(seed: $0)
    }
    // The tables must exercise the DP: most have a plan, many a unique one.
    #expect(solved >= 40)
    #expect(unique >= 20)
  }

  @Test("the DP finds the brute-force optimum with up to 8 stages on a 4 × 4 mesh")
  func matchesBruteForceLonger() {
    let (solved, unique) = Self.compareWithBruteForce(seeds: 10_000..<10_060) {
      Self.randomProblem(
        seed: $0, meshes: [(4, 4), (2, 4)], layerCounts: 6...8, microbatches: 1...12)
    }
    #expect(solved >= 20)
    #expect(unique >= 10)
  }

  /// Solves each seed's problem with the DP and by brute force and compares them; returns how many
  /// had a plan and how many a unique best one.
  static func compareWithBruteForce(
    seeds: Range<UInt64>, problem make: (UInt64) -> StageDPProblem
  ) -> (solved: Int, unique: Int) {
    var solved = 0
    var unique = 0
    for seed in seeds {
      let problem = make(seed)
      let all = StageDP.allSolutions(problem).sorted { $0.iterationSeconds < $1.iterationSeconds }
      let found = StageDP.solve(problem)
      #expect((found == nil) == all.isEmpty, "seed \(seed)")
      guard let found, let best = all.first else { continue }
      solved += 1
      Self.checkValid(found, for: problem)
      let tolerance = 1e-9 * max(1, best.iterationSeconds)
      #expect(abs(found.iterationSeconds - best.iterationSeconds) <= tolerance, "seed \(seed)")
      if all.count == 1 || all[1].iterationSeconds > best.iterationSeconds + tolerance {
        unique += 1
        #expect(found.stages.map(\.layers) == best.stages.map(\.layers), "seed \(seed)")
        #expect(found.stages.map(\.submesh) == best.stages.map(\.submesh), "seed \(seed)")
      }
    }
    return (solved, unique)
  }

  @Test("bruteForce returns the first best of allSolutions")
  func bruteForceIsBest() {
    for seed in UInt64(1000)..<1050 {
      let problem = Self.randomProblem(seed: seed)
      let all = StageDP.allSolutions(problem)
      let best = StageDP.bruteForce(problem)
      #expect(best?.iterationSeconds == all.map(\.iterationSeconds).min())
    }
  }
}
