import ShardlineIR

/// Enumeration shared by the ops that choose their sharding freely (dot_general, convolution,
/// gather, scatter-add): every way of giving each mesh axis to one loop of the iteration space.
extension ShardingContext {
  /// The strategies of node `id` obtained by assigning each useful mesh axis to no loop or to
  /// one of `loops`, axis 0 outermost, "no loop" first, then the loops in their order.
  ///
  /// Both axes on one loop split its dimensions `S01`. An assignment is skipped when a split
  /// dimension is not divisible by its devices. A reduction loop split over some axes gives two
  /// strategies: the result left a partial sum over them, for the consumer to complete (only
  /// when ``ShardingOptions/allowsPartialSums`` is on), then the op completing the sum itself
  /// with an all-reduce of its result (Alpa, §4.1). The second is kept alongside the first
  /// because resharding is charged per edge: a partial result read by several consumers would
  /// pay one all-reduce per consumer, where completing it in the op pays one.
  /// Compute is divided by the devices of the axes given to loops that divide work.
  ///
  /// - Parameters:
  ///   - loops: The op's iteration space.
  ///   - resultOperands: Operands updated in place, which take the result's spec (partial
  ///     included) rather than one derived from the loops.
  ///   - name: Names a strategy from its result spec and operand specs.
  /// - Complexity: O(2·(loops + 1)²) strategies at most.
  func loopStrategies(
    for id: NodeID, loops: [IterationLoop], resultOperands: Set<Int> = [],
    name: (ShardingSpec, [ShardingSpec]) -> String
  ) -> [ShardingStrategy] {
    let node = graph[id]
    let operandShapes = node.operands.map { graph[$0].type.shape }
    var assignments: [[(axis: Int, loop: Int?)]] = [[]]
    for axis in shape.usefulAxes {
      let choices = [nil] + loops.indices.map(Optional.some)
      assignments = assignments.flatMap { prefix in choices.map { prefix + [(axis, $0)] } }
    }
    return assignments.flatMap { assignment -> [ShardingStrategy] in
      var outputAxes = Array(repeating: [Int](), count: node.type.rank)
      var operandAxes = operandShapes.map { Array(repeating: [Int](), count: $0.count) }
      var (reducedAxes, workAxes) = ([Int](), [Int]())
      for (axis, index) in assignment {
        guard let index else { continue }
        let loop = loops[index]
        if let dimension = loop.output { outputAxes[dimension].append(axis) }
        for (operand, dimension) in loop.operands.enumerated() {
          if let dimension { operandAxes[operand][dimension].append(axis) }
        }
        if loop.isReduction { reducedAxes.append(axis) }
        if loop.dividesWork { workAxes.append(axis) }
      }
      let dims = outputAxes.map { DimSharding(axes: $0)! }
      guard ShardingSpec(dims).isValid(for: node.type.shape, on: shape) else { return [] }
      let completions: [Bool] =
        reducedAxes.isEmpty ? [false] : options.allowsPartialSums ? [false, true] : [true]
      return completions.compactMap { completes -> ShardingStrategy? in
        let output = ShardingSpec(dims, partialAxes: completes ? [] : reducedAxes)
        let operands = operandAxes.enumerated().map { operand, axes in
          resultOperands.contains(operand)
            ? output : ShardingSpec(axes.map { DimSharding(axes: $0)! })
        }
        guard zip(operands, operandShapes).allSatisfy({ $0.isValid(for: $1, on: shape) }) else {
          return nil
        }
        let outputBytes = bytesPerDevice(node.type, output)
        let collectives =
          completes ? [collective(.allReduce, axes: reducedAxes, bytes: outputBytes)] : []
        return ShardingStrategy(
          name: name(output, operands) + (completes ? " + all-reduce" : ""), output: output,
          operands: operands,
          computeSeconds: computeSeconds(of: id, workShards: shape.devices(along: workAxes)),
          collectives: collectives, outputBytesPerDevice: outputBytes)
      }
    }
  }
}
