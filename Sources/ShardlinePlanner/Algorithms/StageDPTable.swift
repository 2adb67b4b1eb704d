import ShardlineHardware

/// The stage DP's flat, index-based view of a ``StageDPProblem`` and its F table (Alpa §5.2).
///
/// Built once per problem: `cost` is called once per (layer range, submesh) pair and the non-`nil`
/// answers that fit in memory for some stage count are kept in flat arrays grouped by first layer
/// and sorted by latency (then last layer, then submesh), so that one run of the DP for a given
/// t_max reads only the candidates at or below it.
///
/// Devices are counted in units of `g`, the greatest common divisor of N·M and every candidate's
/// device count, which shrinks the device dimension without losing anything.
///
/// The stage-count dimension `s` counts the stages from the current one to the end, itself
/// included, because under 1F1B that stage holds `min(s, B)` microbatches of activations. Counts
/// are tracked exactly up to `topClass`; when no stage-count bound forbids it, the last class stands
/// for every count from `topClass` up, which is exact because every candidate whose memory depends on
/// `s` stops fitting below `topClass` (`topClass` is one more than the largest such limit).
struct StageDPTable {
  /// Number of layers (L).
  let layerCount: Int
  /// Devices in one unit of the device dimension (g).
  let unitDevices: Int
  /// N·M / g.
  let deviceUnits: Int
  /// Candidates starting at layer `k` are `groupStart[k]..<groupStart[k + 1]`.
  let groupStart: [Int]
  /// One past each candidate's last layer: the first layer of the next stage.
  let nextLayer: [Int]
  /// Each candidate's index into the problem's submeshes.
  let submesh: [Int]
  /// Each candidate's devices, in units of `unitDevices`.
  let units: [Int]
  /// Each candidate's latency in seconds.
  let latency: [Double]
  /// The largest number of remaining stages (itself included) each candidate fits in memory with.
  let maxStagesRemaining: [Int]
  /// Each candidate's cost as the problem gave it.
  let candidates: [StageCandidate]
  /// Distinct candidate latencies, ascending: the t_max values to search.
  let sortedLatencies: [Double]
  /// Smallest stage count allowed.
  let lowestStageCount: Int
  /// Largest stage class tracked; see the type's discussion.
  let topClass: Int
  /// Whether `topClass` stands for every stage count from `topClass` up.
  let topClassMerged: Bool
  /// F(s, k, d): least sum of latencies of `s` stages (class `s`) covering layers `k..<L` with exactly
  /// `d` device units, for the t_max of the last ``run(tMax:)``; row-major in (s, k), then d.
  var table: [Double]
  /// Lowest and highest `d` of each F row (indexed `s · (L + 1) + k`) that may be finite after the
  /// last run; a row with `low > high` has no finite entry.
  var rowLow: [Int]
  /// See ``rowLow``.
  var rowHigh: [Int]

  /// Collects the candidates of `problem`, or returns `nil` when no stage count is possible.
  init?(_ problem: StageDPProblem) {
    let layers = problem.layerCount
    let mesh = problem.mesh
    let usable = problem.submeshes.indices.filter { index in
      let shape = problem.submeshes[index]
      return shape.deviceCount <= mesh.deviceCount && mesh.place([shape]) != nil
    }

    // Every pair once; keep those that fit with at least one stage in flight.
    var raw: [(start: Int, end: Int, submesh: Int, cost: StageCandidate)] = []
    for start in 0..<layers {
      for end in start..<layers {
        for index in usable {
          guard let cost = problem.cost(start...end, index) else { continue }
          precondition(
            cost.latencySeconds.isFinite && cost.latencySeconds >= 0
              && cost.activationBytes >= 0,
            "a stage candidate needs a finite, non-negative latency and activation size")
          guard problem.fits(cost, stagesRemaining: 1) else { continue }
          raw.append((start, end, index, cost))
        }
      }
    }

    var unit = mesh.deviceCount
    for candidate in raw {
      unit = Self.gcd(unit, problem.submeshes[candidate.submesh].deviceCount)
    }
    let deviceUnits = mesh.deviceCount / unit
    let fewestUnits =
      raw.map { problem.submeshes[$0.submesh].deviceCount / unit }.min() ?? deviceUnits
    let mostStages = min(layers, deviceUnits / fewestUnits)

    let lowest = max(1, problem.stageCounts?.lowerBound ?? 1)
    let highest = min(mostStages, problem.stageCounts?.upperBound ?? mostStages)
    guard lowest <= highest else { return nil }

    // The largest s each candidate fits with: memory grows with min(s, B), so bisect.
    let limits = raw.map { candidate -> Int in
      if problem.fits(candidate.cost, stagesRemaining: mostStages) { return mostStages }
      var (fitting, failing) = (1, mostStages)
      while failing - fitting > 1 {
        let middle = (fitting + failing) / 2
        if problem.fits(candidate.cost, stagesRemaining: middle) {
          fitting = middle
        } else {
          failing = middle
        }
      }
      return fitting
    }

    let order = raw.indices.sorted { lhs, rhs in
      let (left, right) = (raw[lhs], raw[rhs])
      if left.start != right.start { return left.start < right.start }
      if left.cost.latencySeconds != right.cost.latencySeconds {
        return left.cost.latencySeconds < right.cost.latencySeconds
      }
      if left.end != right.end { return left.end < right.end }
      return left.submesh < right.submesh
    }
    var groupStart = [Int](repeating: 0, count: layers + 1)
    for candidate in raw { groupStart[candidate.start + 1] += 1 }
    for layer in 0..<layers { groupStart[layer + 1] += groupStart[layer] }

    self.layerCount = layers
    self.unitDevices = unit
    self.deviceUnits = deviceUnits
    self.groupStart = groupStart
    self.nextLayer = order.map { raw[$0].end + 1 }
    self.submesh = order.map { raw[$0].submesh }
    self.units = order.map { problem.submeshes[raw[$0].submesh].deviceCount / unit }
    self.latency = order.map { raw[$0].cost.latencySeconds }
    self.maxStagesRemaining = order.map { limits[$0] }
    self.candidates = order.map { raw[$0].cost }
    self.sortedLatencies = Array(Set(raw.map(\.cost.latencySeconds))).sorted()
    self.lowestStageCount = lowest

    let largestLimit = limits.filter { $0 < mostStages }.max() ?? 0
    if highest < mostStages {
      self.topClass = highest
      self.topClassMerged = false
    } else {
      self.topClass = min(mostStages, max(lowest, largestLimit + 1))
      self.topClassMerged = topClass < mostStages
    }

    self.table = [Double](
      repeating: .infinity, count: (topClass + 1) * (layers + 1) * (deviceUnits + 1))
    self.rowLow = [Int](repeating: 1, count: (topClass + 1) * (layers + 1))
    self.rowHigh = [Int](repeating: 0, count: (topClass + 1) * (layers + 1))
    // F(0, L, 0) = 0: no stages left, no layers, no devices.
    table[rowOffset(stages: 0, layer: layers)] = 0
    rowLow[layers] = 0
  }

  /// Number of (layer range, submesh) candidates kept.
  var candidateCount: Int { latency.count }

  /// Where row (s, k) of the F table starts.
  func rowOffset(stages: Int, layer: Int) -> Int {
    (stages * (layerCount + 1) + layer) * (deviceUnits + 1)
  }

  private static func gcd(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
  }
}
