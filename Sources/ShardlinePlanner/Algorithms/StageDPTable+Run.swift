/// Filling and reading the F table for one t_max.
extension StageDPTable {
  /// Fills F for stages no slower than `tMax` and returns the least sum of stage latencies over the
  /// allowed stage counts, or infinity when no pipeline fits.
  ///
  /// F(s, k, d) = min over candidates c starting at k with latency ≤ t_max, fitting with s stages
  /// remaining and using ≤ d units, of t_c + F(s − 1, next(c), d − units(c)) (Alpa §5.2); in the
  /// merged top class the successor may also stay in that class.
  ///
  /// - Complexity: O(S · C · D) for S stage classes, C candidates and D device units.
  mutating func run(tMax: Double) -> Double {
    let layers = layerCount
    let width = deviceUnits + 1
    let top = topClass
    let merged = topClassMerged
    let groupStart = groupStart
    let nextLayer = nextLayer
    let units = units
    let latency = latency
    let limits = maxStagesRemaining
    let offset = { (stages: Int, layer: Int) in (stages * (layers + 1) + layer) * width }

    table.withUnsafeMutableBufferPointer { f in
      for stages in 1...top {
        let staysInClass = merged && stages == top
        guard layers - stages >= 0 else { break }
        for layer in stride(from: layers - stages, through: 0, by: -1) {
          let destination = f.baseAddress! + offset(stages, layer)
          destination.update(repeating: .infinity, count: width)
          for candidate in groupStart[layer]..<groupStart[layer + 1] {
            let time = latency[candidate]
            if time > tMax { break }
            guard limits[candidate] >= stages else { continue }
            let next = nextLayer[candidate]
            let size = units[candidate]
            if stages == 1 && !staysInClass {
              // Only the last stage: it must end at layer L and take every remaining unit.
              if next == layers && time < destination[size] { destination[size] = time }
              continue
            }
            let exactOK = stages - 1 <= layers - next
            let stayOK = staysInClass && stages <= layers - next
            guard exactOK || stayOK else { continue }
            let exact = f.baseAddress! + offset(stages - 1, next)
            if stayOK {
              let stay = f.baseAddress! + offset(stages, next)
              for remaining in 0...(width - 1 - size) {
                let value = time + min(exact[remaining], stay[remaining])
                if value < destination[remaining + size] { destination[remaining + size] = value }
              }
            } else {
              for remaining in 0...(width - 1 - size) {
                let value = time + exact[remaining]
                if value < destination[remaining + size] { destination[remaining + size] = value }
              }
            }
          }
        }
      }
    }
    return rootClass().map { table[rowOffset(stages: $0, layer: 0) + deviceUnits] } ?? .infinity
  }

  /// The allowed stage class with the least F(s, 0, N·M) after the last run, the smallest on ties.
  func rootClass() -> Int? {
    var best: Int?
    var bestValue = Double.infinity
    for stages in lowestStageCount...topClass {
      let value = table[rowOffset(stages: stages, layer: 0) + deviceUnits]
      if value < bestValue { (best, bestValue) = (stages, value) }
    }
    return best
  }

  /// The candidates, in pipeline order, of the pipeline the last ``run(tMax:)`` found.
  ///
  /// Walks F from the root, taking at each step the first candidate (in table order) whose
  /// latency plus its successor's F equals the current F exactly: the same sums the run computed.
  func reconstruct(tMax: Double) -> [Int] {
    guard var stages = rootClass() else { return [] }
    var layer = 0
    var remaining = deviceUnits
    var chosen: [Int] = []
    while layer < layerCount {
      let target = table[rowOffset(stages: stages, layer: layer) + remaining]
      let staysInClass = topClassMerged && stages == topClass
      var found = false
      for candidate in groupStart[layer]..<groupStart[layer + 1] {
        let time = latency[candidate]
        if time > tMax { break }
        guard maxStagesRemaining[candidate] >= stages, units[candidate] <= remaining else {
          continue
        }
        let next = nextLayer[candidate]
        let rest = remaining - units[candidate]
        let exact = table[rowOffset(stages: stages - 1, layer: next) + rest]
        let stay = staysInClass ? table[rowOffset(stages: stages, layer: next) + rest] : .infinity
        guard time + min(exact, stay) == target else { continue }
        chosen.append(candidate)
        stages = exact <= stay ? stages - 1 : stages
        layer = next
        remaining = rest
        found = true
        break
      }
      precondition(found, "the F table does not lead back to a pipeline")
    }
    return chosen
  }
}
