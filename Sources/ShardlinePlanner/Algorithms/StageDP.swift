import ShardlineHardware

/// Stage construction, the dynamic program of Alpa's inter-operator pass (Alpa §5.2).
///
/// Slices layers `0..<L` into contiguous stages and gives each a submesh so that the submeshes use
/// exactly the N·M devices of the mesh, minimizing the pipeline latency of an iteration of B
/// microbatches, `T = Σ t_i + (B − 1) · max t_i`. Under 1F1B the stage with `s` stages from it to the
/// end (itself included) holds `min(s, B)` microbatches of activations, and a candidate that does
/// not fit in device memory with that many is not used there.
///
/// For a bound t_max on stage latency, F(s, k, d) is the least sum of latencies of `s` stages that
/// cover layers `k..<L` with exactly `d` devices, each no slower than t_max (see ``StageDPTable``).
/// Then `T*(t_max) = min_s F(s, 0, N·M) + (B − 1) · t_max`, and the optimum is the least T* over the
/// distinct candidate latencies. Alpa tries them all in ascending order and stops once
/// `B · t_max ≥` the best T (every pipeline whose slowest stage takes t has T ≥ B · t). This
/// implementation searches the same values but skips most of them, exactly:
/// - f(t_max) = min_s F(s, 0, N·M) does not increase with t_max, so on an interval of t_max values
///   whose ends have equal f, the left end is the best of the interval;
/// - on an interval (a, b) every T* is at least f(b) + (B − 1) · t_(a+1), and at least
///   B · t_(a+1) for pipelines whose slowest stage lies inside it.
///
/// It bisects for the smallest feasible t_max, then bisects intervals that neither rule discards.
/// The result is exact (no bucketing of t_max); the work is a few dozen DP runs, each
/// O(S · C · D) for S stage classes, C candidates and D device units.
///
/// Placement: the DP counts devices, and the stages' shapes are then placed with
/// ``PhysicalMesh/place(_:)``. Any shapes whose device counts add up to N·M place when the
/// single-host widths each divide the next larger one and M (as ``PhysicalMesh/submeshShapes``
/// are when M is a power of two). With other shape sets the optimum by device count may not
/// place; ``solve(_:)`` then returns `nil`.
///
/// Ties: among pipelines with equal T the one returned is fixed by the input alone (the candidate
/// order of ``StageDPTable`` and the search order), so the same problem always gives the same plan.
public enum StageDP {
  /// Finds the pipeline with the least iteration latency.
  ///
  /// - Parameter problem: The layers, mesh, submeshes, microbatches, memory and stage costs.
  /// - Returns: The best stages with their devices, or `nil` when no slicing fits (every pair
  ///   pruned, nothing fits in memory, no allowed stage count, or the best cannot be placed).
  /// - Complexity: `problem.cost` is called once per (layer range, usable submesh) pair, then
  ///   O(log V) to a few dozen DP runs over V distinct latencies.
  public static func solve(_ problem: StageDPProblem) -> StageDPSolution? {
    guard var table = StageDPTable(problem), !table.sortedLatencies.isEmpty else { return nil }
    let latencies = table.sortedLatencies
    let slope = Double(problem.microbatches - 1)
    let microbatches = Double(problem.microbatches)

    var sums = [Double?](repeating: nil, count: latencies.count)
    var lastRun: Int?
    var best = Double.infinity
    var bestIndex: Int?
    func sum(_ index: Int) -> Double {
      if let known = sums[index] { return known }
      let value = table.run(tMax: latencies[index])
      sums[index] = value
      lastRun = index
      let objective = value + slope * latencies[index]
      if objective < best { (best, bestIndex) = (objective, index) }
      return value
    }

    // The smallest feasible t_max: feasibility only grows with t_max.
    guard sum(latencies.count - 1).isFinite else { return nil }
    var (low, high) = (0, latencies.count - 1)
    while low < high {
      let middle = (low + high) / 2
      if sum(middle).isFinite { high = middle } else { low = middle + 1 }
    }

    // Beyond the last t_max with B · t_max < best no pipeline can do better.
    var last = low
    while last + 1 < latencies.count && microbatches * latencies[last + 1] < best { last += 1 }
    _ = sum(last)

    var intervals = [(low, last)]
    while let (left, right) = intervals.popLast() {
      guard right - left >= 2 else { continue }
      let (leftSum, rightSum) = (sum(left), sum(right))
      let next = latencies[left + 1]
      guard leftSum != rightSum, rightSum + slope * next < best, microbatches * next < best else {
        continue
      }
      let middle = (left + right) / 2
      _ = sum(middle)
      intervals.append((middle, right))
      intervals.append((left, middle))
    }

    guard let chosenIndex = bestIndex else { return nil }
    let tMax = latencies[chosenIndex]
    let tried = sums.lazy.filter { $0 != nil }.count
    if lastRun != chosenIndex { _ = table.run(tMax: tMax) }
    let chosen = table.reconstruct(tMax: tMax)

    let shapes = chosen.map { problem.submeshes[table.submesh[$0]] }
    guard let placements = problem.mesh.place(shapes) else { return nil }
    var start = 0
    let stages = chosen.indices.map { position in
      let candidate = chosen[position]
      defer { start = table.nextLayer[candidate] }
      return StageAssignment(
        layers: start...(table.nextLayer[candidate] - 1),
        submesh: table.submesh[candidate],
        devices: placements[position],
        candidate: table.candidates[candidate])
    }
    return StageDPSolution(
      stages: stages,
      iterationSeconds: problem.iterationSeconds(latencies: stages.map(\.candidate.latencySeconds)),
      tMaxCandidatesTried: tried,
      distinctLatencyCount: latencies.count,
      candidateCount: table.candidateCount)
  }
}
