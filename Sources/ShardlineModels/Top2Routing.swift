import ShardlineIR

/// GShard's top-2 gating of grouped tokens (Lepikhin et al., 2020, Algorithm 1), computed in f32.
///
/// Tokens come in `G` groups of `S`; each goes to its two highest-gated of `E` experts, taking the
/// next free slot of each expert's buffer of `C` slots. A token whose slot would be `C` or more is
/// dropped by that expert (the residual connection still carries it). Unlike GShard, the second
/// expert is never dropped at random: routing stays deterministic.
struct Top2Routing {
  /// `dispatch[g, s, e, c] = 1` when token `s` of group `g` fills slot `c` of expert `e` (f32).
  var dispatch: Value
  /// `dispatch` weighted by the token's renormalized gate for that expert (f32).
  var combine: Value
  /// GShard's load-balancing loss `E·Σ_e mean_s(gate_e)·mean_s(top1_e)`, averaged over groups:
  /// 1 when routing is uniform (f32 scalar).
  var auxiliaryLoss: Value

  /// Emits the gating network and the routing tensors for tokens `x` (`[G, S, M]`).
  ///
  /// The gate weights `[M, E]` (no bias) are an f32 parameter whatever the compute type.
  init(_ x: Value, experts: Int, capacity: Int, builder b: GraphBuilder) throws {
    let (groups, size) = (x.shape[0], x.shape[1])
    let model = x.shape[2]
    let routed = TensorType([groups, size, experts], .f32)
    let gateWeights = try b.input(
      "w", TensorType([model, experts], .f32), role: .parameter,
      initializer: .normal(stddev: GraphBuilder.transformerInitStddev))
    let gates = try b.softmax(b.matmul(b.convert(x, to: .f32), gateWeights))

    let top1 = try Self.oneHotOfMaximum(gates, builder: b)
    let others = try b.multiply(gates, b.subtract(b.constant(1, routed), top1))
    let top2 = try Self.oneHotOfMaximum(others, builder: b)
    let gate1 = try b.sum(b.multiply(gates, top1), dimensions: [2])
    let gate2 = try b.sum(b.multiply(gates, top2), dimensions: [2])
    // GShard renormalizes the two gates to sum to one.
    let total = try b.add(b.add(gate1, gate2), b.constant(1e-9, gate1.type))

    let meanGates = try b.scale(b.sum(gates, dimensions: [1]), by: 1 / Double(size))
    let density = try b.scale(b.sum(top1, dimensions: [1]), by: 1 / Double(size))
    auxiliaryLoss = try b.scope("aux_loss") {
      try b.scale(
        b.sum(b.multiply(meanGates, density), dimensions: [0, 1]),
        by: Double(experts) / Double(groups))
    }

    let earlier = try Self.strictlyLowerTriangular(size, builder: b)
    let position1 = try Self.exclusiveCumulativeSum(top1, earlier: earlier, builder: b)
    let kept1 = try Self.keepWithinCapacity(top1, position1, capacity: capacity, builder: b)
    // Second choices queue behind every first choice of the group.
    let firstChoices = try b.broadcast(
      b.sum(kept1, dimensions: [1]), to: routed.shape, dimensions: [0, 2])
    let position2 = try b.add(
      Self.exclusiveCumulativeSum(top2, earlier: earlier, builder: b), firstChoices)
    let kept2 = try Self.keepWithinCapacity(top2, position2, capacity: capacity, builder: b)

    let dispatch1 = try Self.dispatchMask(kept1, position1, capacity: capacity, builder: b)
    let dispatch2 = try Self.dispatchMask(kept2, position2, capacity: capacity, builder: b)
    let shape = dispatch1.shape
    let weight1 = try b.broadcast(b.divide(gate1, total), to: shape, dimensions: [0, 1])
    let weight2 = try b.broadcast(b.divide(gate2, total), to: shape, dimensions: [0, 1])
    dispatch = try b.add(dispatch1, dispatch2)
    combine = try b.add(b.multiply(dispatch1, weight1), b.multiply(dispatch2, weight2))
  }

  /// `1` where `x` equals its maximum over the last dimension, else `0` (f32).
  static func oneHotOfMaximum(_ x: Value, builder b: GraphBuilder) throws -> Value {
    let peak = try b.broadcast(
      b.reduce(x, .max, dimensions: [x.rank - 1]), to: x.shape, dimensions: [0, 1])
    return try b.convert(b.compare(x, peak, .eq), to: .f32)
  }

  /// `mask[s, t] = 1` when `t < s` (f32 `[size, size]`), from iota and compare.
  static func strictlyLowerTriangular(_ size: Int, builder b: GraphBuilder) throws -> Value {
    let type = TensorType([size, size], .i32)
    let row = try b.iota(type, dimension: 0)
    let column = try b.iota(type, dimension: 1)
    return try b.convert(b.compare(column, row, .lt), to: .f32)
  }

  /// `result[g, s, e] = Σ_{t<s} mask[g, t, e]`: each token's slot in its expert's buffer, as a
  /// dot_general with the strictly-lower-triangular `earlier` (`[S, S]`).
  static func exclusiveCumulativeSum(_ mask: Value, earlier: Value, builder b: GraphBuilder)
    throws -> Value
  {
    // [S, G, E] → [G, S, E]
    let counts = try b.dotGeneral(
      earlier, mask, DotDimensionNumbers(lhsContracting: [1], rhsContracting: [1]))
    return try b.transpose(counts, [1, 0, 2])
  }

  /// `mask` with the tokens whose `position` is `capacity` or more removed.
  static func keepWithinCapacity(
    _ mask: Value, _ position: Value, capacity: Int, builder b: GraphBuilder
  ) throws -> Value {
    let fits = try b.compare(position, b.constant(Double(capacity), position.type), .lt)
    return try b.multiply(mask, b.convert(fits, to: .f32))
  }

  /// `[G, S, E, C]`: `mask[g, s, e]·(c == position of token s)`.
  static func dispatchMask(
    _ mask: Value, _ position: Value, capacity: Int, builder b: GraphBuilder
  ) throws -> Value {
    let (groups, size, experts) = (mask.shape[0], mask.shape[1], mask.shape[2])
    let slot = try b.sum(b.multiply(position, mask), dimensions: [2])
    let slots = TensorType([groups, size, capacity], .f32)
    let oneHotSlot = try b.convert(
      b.compare(
        b.broadcast(slot, to: slots.shape, dimensions: [0, 1]), b.iota(slots, dimension: 2), .eq),
      to: .f32)
    let shape = [groups, size, experts, capacity]
    return try b.multiply(
      b.broadcast(mask, to: shape, dimensions: [0, 1, 2]),
      b.broadcast(oneHotSlot, to: shape, dimensions: [0, 1, 3]))
  }
}
