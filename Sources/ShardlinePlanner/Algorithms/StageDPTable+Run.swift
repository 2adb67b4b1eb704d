/// Filling and reading the F table for one t_max.
extension StageDPTable {
  /// Fills F for stages no slower than `tMax` and returns the least sum of stage latencies over the
  /// allowed stage counts, or infinity when no pipeline fits.
  ///
  /// F(s, k, d) = min over candidates c starting at k with latency ≤ t_max, fitting with s stages
  /// remaining and using ≤ d units, of t_c + F(s − 1, next(c), d − units(c)) (Alpa §5.2); in the
  /// merged top class the successor may also stay in that class. Each row remembers the span of
  /// `d` where it may be finite, so a candidate only sweeps its successor's span; at layer 0 only
  /// `d = N·M` is needed.
  ///
  /// - Complexity: O(S · C · D) for S stage classes, C candidates and D device units, usually far
  ///   less because rows are finite on narrow spans.
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

    table.withUnsafeMutableBufferPointer { f in
      rowLow.withUnsafeMutableBufferPointer { rowLow in
        rowHigh.withUnsafeMutableBufferPointer { rowHigh in
          for stages in 1...top where stages <= layers {
            let staysInClass = merged && stages == top
            for layer in stride(from: layers - stages, through: 0, by: -1) {
              let row = stages * (layers + 1) + layer
              let destination = f.baseAddress! + row * width
              destination.update(repeating: .infinity, count: width)
              var (low, high) = (width, -1)
              for candidate in groupStart[layer]..<groupStart[layer + 1] {
                let time = latency[candidate]
                if time > tMax { break }
                guard limits[candidate] >= stages else { continue }
                let size = units[candidate]
                let exactRow = (stages - 1) * (layers + 1) + nextLayer[candidate]
                let stayRow = staysInClass ? stages * (layers + 1) + nextLayer[candidate] : exactRow
                // The span of d − size where a successor may be finite, and that d fits.
                var first = min(rowLow[exactRow], rowLow[stayRow])
                var last = min(max(rowHigh[exactRow], rowHigh[stayRow]), width - 1 - size)
                if layer == 0 {
                  // Only d = N·M is ever read at layer 0.
                  first = max(first, width - 1 - size)
                  last = min(last, width - 1 - size)
                }
                guard first <= last else { continue }
                (low, high) = (min(low, first + size), max(high, last + size))
                let exact = f.baseAddress! + exactRow * width
                let stay = f.baseAddress! + stayRow * width
                for remaining in first...last {
                  let value = time + min(exact[remaining], stay[remaining])
                  if value < destination[remaining + size] { destination[remaining + size] = value }
                }
              }
              (rowLow[row], rowHigh[row]) = (low, high)
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
