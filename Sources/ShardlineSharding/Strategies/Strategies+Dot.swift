import ShardlineIR

/// Strategies of `dot_general` (Alpa §4.1, DESIGN.md "Intra-operator pass").
extension ShardingContext {
  /// Every way of giving each mesh axis to nothing, one batch dimension, one free dimension of
  /// either operand or one contracting dimension, named in Alpa's notation
  /// (`S0R = S0R × RR`, `RRP1 = RS1 × S1R`).
  ///
  /// On a 1×8 mesh a `[B,K]×[K,N]` matmul has four: `RR = RR × RR`, `S1R = S1R × RR`,
  /// `RS1 = RR × RS1` and the split contraction `RRP1 = RS1 × S1R`, whose partial sum the
  /// consumer completes (or the op itself, with an all-reduce, when partial sums are off).
  /// The result's dimensions are the batch dimensions, then the lhs free ones, then the rhs
  /// free ones, as StableHLO orders them.
  func dotStrategies(for id: NodeID, _ n: DotDimensionNumbers) -> [ShardingStrategy] {
    let node = graph[id]
    let lhsFree = n.lhsFree(rank: graph[node.operands[0]].type.rank)
    let rhsFree = n.rhsFree(rank: graph[node.operands[1]].type.rank)
    let batch = zip(n.lhsBatch, n.rhsBatch).enumerated().map { index, pair in
      IterationLoop(output: index, operands: [pair.0, pair.1])
    }
    let lhs = lhsFree.enumerated().map { index, dimension in
      IterationLoop(output: n.lhsBatch.count + index, operands: [dimension, nil])
    }
    let rhs = rhsFree.enumerated().map { index, dimension in
      IterationLoop(output: n.lhsBatch.count + lhsFree.count + index, operands: [nil, dimension])
    }
    let contracting = zip(n.lhsContracting, n.rhsContracting).map { pair in
      IterationLoop(output: nil, operands: [pair.0, pair.1], isReduction: true)
    }
    return loopStrategies(for: id, loops: batch + lhs + rhs + contracting) { output, operands in
      "\(output) = \(operands[0]) × \(operands[1])"
    }
  }
}
