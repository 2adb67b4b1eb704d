import ShardlineIR

/// Strategies of `gather` (embedding lookups) and `scatter_add` (their gradients).
extension ShardingContext {
  /// Every way of giving each mesh axis to nothing, one index batch dimension, one offset
  /// dimension, or (with ``ShardingOptions/allowsVocabularySplit``) one indexed dimension of the
  /// table.
  ///
  /// - An index batch dimension split splits the indices and the result dimension it becomes
  ///   (ids split on the batch give a batch-split lookup).
  /// - An offset dimension that takes the whole operand dimension and is not indexed splits the
  ///   table and the result alike (a table split on the hidden dimension gives a hidden-split
  ///   lookup, DESIGN.md's "gather splits the hidden dim").
  /// - A collapsed, indexed dimension split over axis a gives each device its own rows: it looks
  ///   up the ids in its range and writes zeros for the others, so the result is a partial sum
  ///   over a (Megatron's vocabulary-parallel embedding, which Alpa could not express).
  ///
  /// Named `result = table ⋈ indices` (`RRS1 = RS1 ⋈ RR`).
  func gatherStrategies(for id: NodeID, _ n: GatherDimensionNumbers) -> [ShardingStrategy] {
    let node = graph[id]
    let table = graph[node.operands[0]].type.shape
    let indicesRank = graph[node.operands[1]].type.rank
    let batchDims = (0..<node.type.rank).filter { !n.offsetDims.contains($0) }
    let indexBatchDims = (0..<indicesRank).filter { $0 != n.indexVectorDim }
    let windowDims = table.indices.filter { !n.collapsedSliceDims.contains($0) }
    var loops = zip(batchDims, indexBatchDims).map { output, index in
      IterationLoop(output: output, operands: [nil, index])
    }
    for (output, dimension) in zip(n.offsetDims, windowDims)
    where n.sliceSizes[dimension] == table[dimension] && !n.startIndexMap.contains(dimension) {
      loops.append(IterationLoop(output: output, operands: [dimension, nil]))
    }
    if options.allowsVocabularySplit {
      for dimension in n.collapsedSliceDims where n.startIndexMap.contains(dimension) {
        loops.append(
          IterationLoop(
            output: nil, operands: [dimension, nil], isReduction: true, dividesWork: false))
      }
    }
    return loopStrategies(for: id, loops: loops) { output, operands in
      "\(output) = \(operands[0]) ⋈ \(operands[1])"
    }
  }

  /// Every way of giving each mesh axis to nothing, one scatter (index batch) dimension of the
  /// updates, one window dimension, or (with ``ShardingOptions/allowsVocabularySplit``) one
  /// indexed dimension of the table.
  ///
  /// - A scatter dimension split over axis a (updates and indices split alike) has each device
  ///   add its own updates into a whole table: the result is a partial sum over a, completed by
  ///   the consumer (the embedding gradient's data-parallel all-reduce or reduce-scatter).
  /// - A window dimension that covers the whole operand dimension and is not indexed splits
  ///   the updates and the result alike.
  /// - An inserted, indexed dimension split over axis a gives each device its own rows of the
  ///   result: it scans every update and adds those in its range (the gradient of a
  ///   vocabulary-parallel embedding).
  ///
  /// The operand (the table added into, usually zeros) takes the result's spec. Named
  /// `result = table ⊕ indices ⊕ updates`.
  func scatterStrategies(for id: NodeID, _ n: ScatterDimensionNumbers) -> [ShardingStrategy] {
    let node = graph[id]
    let table = node.type.shape
    let indicesRank = graph[node.operands[1]].type.rank
    let updates = graph[node.operands[2]].type.shape
    let scatterDims = updates.indices.filter { !n.updateWindowDims.contains($0) }
    let indexBatchDims = (0..<indicesRank).filter { $0 != n.indexVectorDim }
    let windowDims = table.indices.filter { !n.insertedWindowDims.contains($0) }
    var loops = zip(scatterDims, indexBatchDims).map { update, index in
      IterationLoop(output: nil, operands: [nil, index, update], isReduction: true)
    }
    for (update, dimension) in zip(n.updateWindowDims, windowDims)
    where updates[update] == table[dimension] && !n.scatterDimsToOperandDims.contains(dimension) {
      loops.append(IterationLoop(output: dimension, operands: [dimension, nil, update]))
    }
    if options.allowsVocabularySplit {
      for dimension in n.insertedWindowDims where n.scatterDimsToOperandDims.contains(dimension) {
        loops.append(
          IterationLoop(output: dimension, operands: [dimension, nil, nil], dividesWork: false))
      }
    }
    return loopStrategies(for: id, loops: loops, resultOperands: [0]) { output, operands in
      "\(output) = \(operands[0]) ⊕ \(operands[1]) ⊕ \(operands[2])"
    }
  }
}
