import ShardlineHardware

/// Exhaustive stage construction, the reference the DP is tested against.
extension StageDP {
  /// Every feasible pipeline of `problem`, in enumeration order: first by the layer count of the
  /// first stage, then its submesh index, and so on recursively.
  ///
  /// A pipeline is feasible when its stages cover the layers contiguously, each (range, submesh)
  /// has a cost, each stage fits in memory with `min(S − s, B)` microbatches in flight, the stage
  /// count is allowed, the devices add up to N·M and ``PhysicalMesh/place(_:)`` places them.
  ///
  /// - Complexity: Exponential: O(2^(L−1) · |submeshes|^L). For tests and tiny problems only.
  public static func allSolutions(_ problem: StageDPProblem) -> [StageDPSolution] {
    let layers = problem.layerCount
    let shapes = problem.submeshes
    var costs = [StageCandidate?](repeating: nil, count: layers * layers * shapes.count)
    for start in 0..<layers {
      for end in start..<layers {
        for index in shapes.indices {
          costs[(start * layers + end) * shapes.count + index] = problem.cost(start...end, index)
        }
      }
    }

    var solutions: [StageDPSolution] = []
    var path: [(layers: ClosedRange<Int>, submesh: Int, cost: StageCandidate)] = []
    func extend(from start: Int, devicesLeft: Int) {
      guard start < layers else {
        guard devicesLeft == 0 else { return }
        if let allowed = problem.stageCounts, !allowed.contains(path.count) { return }
        for (position, stage) in path.enumerated()
        where !problem.fits(stage.cost, stagesRemaining: path.count - position) {
          return
        }
        guard let placements = problem.mesh.place(path.map { shapes[$0.submesh] }) else { return }
        let stages = path.indices.map { position in
          StageAssignment(
            layers: path[position].layers, submesh: path[position].submesh,
            devices: placements[position], candidate: path[position].cost)
        }
        solutions.append(
          StageDPSolution(
            stages: stages,
            iterationSeconds: problem.iterationSeconds(latencies: path.map(\.cost.latencySeconds))))
        return
      }
      for end in start..<layers {
        for index in shapes.indices where shapes[index].deviceCount <= devicesLeft {
          guard let cost = costs[(start * layers + end) * shapes.count + index] else { continue }
          path.append((start...end, index, cost))
          extend(from: end + 1, devicesLeft: devicesLeft - shapes[index].deviceCount)
          path.removeLast()
        }
      }
    }
    extend(from: 0, devicesLeft: problem.mesh.deviceCount)
    return solutions
  }

  /// The best pipeline found by trying every one (``allSolutions(_:)``); the first in
  /// enumeration order among equals.
  ///
  /// - Complexity: Exponential; for tests and tiny problems only.
  public static func bruteForce(_ problem: StageDPProblem) -> StageDPSolution? {
    var best: StageDPSolution?
    for solution in allSolutions(problem)
    where solution.iterationSeconds < best?.iterationSeconds ?? .infinity {
      best = solution
    }
    return best
  }
}
