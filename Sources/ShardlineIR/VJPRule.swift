/// The vector–Jacobian product of one node: given the cotangent of its result, the cotangent of
/// each operand, emitted as ops. Rules follow the transposition rules of JAX's `lax` primitives.
struct VJPRule {
  let builder: GraphBuilder
  let node: Node
  /// Cotangent of the node's result.
  let cotangent: Value

  var b: GraphBuilder { builder }
  var g: Value { cotangent }
  var y: Value { builder.value(node.id) }
  func operand(_ i: Int) -> Value { builder.value(node.operands[i]) }

  /// The cotangent of operand `position`, or `nil` when none flows to it.
  func cotangent(forOperand position: Int) throws(IRError) -> Value? {
    switch node.op {
    case .parameter, .constant, .iota, .compare: return nil
    case .convert: return try b.convert(g, to: operand(0).dtype)
    case .unary(let op): return try unary(op)
    case .binary(let op): return try binary(op, position)
    case .select:
      guard position > 0 else { return nil }
      let zero = try b.constant(0, g.type)
      let predicate = operand(0)
      return position == 1 ? try b.select(predicate, g, zero) : try b.select(predicate, zero, g)
    case .broadcastInDim(let dimensions): return try unbroadcast(dimensions)
    case .reshape: return try b.reshape(g, operand(0).shape)
    case .transpose(let permutation):
      var inverse = Array(repeating: 0, count: permutation.count)
      for (i, p) in permutation.enumerated() { inverse[p] = i }
      return try b.transpose(g, inverse)
    case .reverse(let dimensions): return try b.reverse(g, dimensions)
    case .slice(let attributes): return try unslice(attributes)
    case .concatenate(let dimension): return try unconcatenate(dimension, position)
    case .pad(let attributes): return try unpad(attributes, position)
    case .reduce(let kind, let dimensions): return try unreduce(kind, dimensions)
    case .dotGeneral(let numbers): return try dotCotangent(numbers, position)
    case .convolution(let attributes):
      return try ConvolutionVJP(
        builder: b, attributes: attributes, input: operand(0),
        kernel: operand(1), cotangent: g
      ).cotangent(forOperand: position)
    case .gather(let numbers): return try gatherCotangent(numbers, position)
    case .scatterAdd(let numbers): return try scatterCotangent(numbers, position)
    case .dynamicSlice:
      guard position == 0 else { return nil }
      let start = node.operands.dropFirst().map { b.value($0) }
      return try b.dynamicUpdateSlice(b.constant(0, operand(0).type), g, start: start)
    case .dynamicUpdateSlice:
      let start = node.operands.dropFirst(2).map { b.value($0) }
      switch position {
      case 0: return try b.dynamicUpdateSlice(g, b.constant(0, operand(1).type), start: start)
      case 1: return try b.dynamicSlice(g, start: start, sizes: operand(1).shape)
      default: return nil
      }
    }
  }

  private func unary(_ op: UnaryOperator) throws(IRError) -> Value? {
    let x = operand(0)
    switch op {
    case .negate: return try b.negate(g)
    case .exponential: return try b.multiply(g, y)
    case .log: return try b.divide(g, x)
    case .tanh:
      return try b.multiply(g, b.subtract(b.constant(1, y.type), b.unary(.square, y)))
    case .logistic:
      return try b.multiply(g, b.multiply(y, b.subtract(b.constant(1, y.type), y)))
    case .sqrt: return try b.divide(b.scale(g, by: 0.5), y)
    case .rsqrt:
      // d/dx x^(-1/2) = -1/2 · x^(-3/2) = -1/2 · y³, taken as (-1/2 · g · y) · y² so that no
      // intermediate holds y³: for a layer norm's small variances y³ overflows f16 (y = 68
      // gives 314,432 > 65,504) while g · y · y² stays in range.
      return try b.multiply(b.multiply(b.scale(g, by: -0.5), y), b.unary(.square, y))
    case .abs: return try b.multiply(g, b.unary(.sign, x))
    case .square: return try b.multiply(g, b.scale(x, by: 2))
    case .sign: return nil
    case .sine: return try b.multiply(g, b.unary(.cosine, x))
    case .cosine: return try b.negate(b.multiply(g, b.unary(.sine, x)))
    }
  }

  private func binary(_ op: BinaryOperator, _ position: Int) throws(IRError) -> Value? {
    let (lhs, rhs) = (operand(0), operand(1))
    switch op {
    case .add: return g
    case .subtract: return position == 0 ? g : try b.negate(g)
    case .multiply: return try b.multiply(g, position == 0 ? rhs : lhs)
    case .divide:
      return position == 0 ? try b.divide(g, rhs) : try b.negate(b.divide(b.multiply(g, y), rhs))
    case .maximum, .minimum:
      // The operand that wins gets the cotangent; ties split it evenly (as JAX does).
      let (mine, other) = position == 0 ? (lhs, rhs) : (rhs, lhs)
      let wins = try b.convert(b.compare(mine, other, op == .maximum ? .gt : .lt), to: g.dtype)
      let ties = try b.convert(b.compare(mine, other, .eq), to: g.dtype)
      return try b.multiply(g, b.add(wins, b.scale(ties, by: 0.5)))
    case .power:
      if position == 0 {
        // d/dx x^e = e · x^(e-1)
        let exponent = try b.subtract(rhs, b.constant(1, rhs.type))
        return try b.multiply(g, b.multiply(rhs, b.binary(.power, lhs, exponent)))
      }
      return try b.multiply(g, b.multiply(y, b.unary(.log, lhs)))
    case .and, .or: return nil
    }
  }

  /// Sums the cotangent over the dimensions a broadcast created or stretched.
  private func unbroadcast(_ dimensions: [Int]) throws(IRError) -> Value {
    let x = operand(0)
    var summed: [Int] = []
    for d in 0..<g.rank {
      if let i = dimensions.firstIndex(of: d) {
        if x.shape[i] == 1 && g.shape[d] != 1 { summed.append(d) }
      } else {
        summed.append(d)
      }
    }
    let reduced = summed.isEmpty ? g : try b.sum(g, dimensions: summed)
    return try b.reshape(reduced, x.shape)
  }

  /// Places the cotangent of a strided slice back into zeros of the operand's shape.
  private func unslice(_ a: SliceAttributes) throws(IRError) -> Value {
    let x = operand(0)
    if g.type.elementCount == 0 { return try b.constant(0, x.type) }
    let high = (0..<x.rank).map { (d: Int) -> Int in
      let last: Int = a.start[d] + (g.shape[d] - 1) * a.strides[d]
      return x.shape[d] - last - 1
    }
    return try b.pad(
      g, with: b.scalar(0, g.dtype), low: a.start, high: high, interior: a.strides.map { $0 - 1 })
  }

  private func unconcatenate(_ dimension: Int, _ position: Int) throws(IRError) -> Value {
    let offset = node.operands.prefix(position).reduce(0) {
      $0 + builder[$1].type.shape[dimension]
    }
    let x = operand(position)
    var start = Array(repeating: 0, count: g.rank)
    var limit = g.shape
    start[dimension] = offset
    limit[dimension] = offset + x.shape[dimension]
    return try b.slice(g, start: start, limit: limit)
  }

  /// Operand: undo the edge padding, then take every `interior+1`-th element. Padding value:
  /// everything the operand did not receive.
  private func unpad(_ a: PadAttributes, _ position: Int) throws(IRError) -> Value {
    let x = operand(0)
    let unpadded = try b.pad(
      g, with: b.scalar(0, g.dtype), low: a.low.map { -$0 }, high: a.high.map { -$0 })
    let operandCotangent = try b.slice(
      unpadded, start: Array(repeating: 0, count: x.rank), limit: unpadded.shape,
      strides: a.interior.map { $0 + 1 })
    if position == 0 { return operandCotangent }
    let all = Array(0..<g.rank)
    return try b.subtract(b.sum(g, dimensions: all), b.sum(operandCotangent, dimensions: all))
  }

  private func unreduce(_ kind: ReductionKind, _ dimensions: [Int]) throws(IRError) -> Value {
    let x = operand(0)
    let kept = (0..<x.rank).filter { !dimensions.contains($0) }
    let spread = try b.broadcast(g, to: x.shape, dimensions: kept)
    guard kind != .sum else { return spread }
    // Max/min: the cotangent goes to the elements equal to the result, split among ties.
    let chosen = try b.convert(
      b.compare(x, b.broadcast(y, to: x.shape, dimensions: kept), .eq), to: g.dtype)
    let count = try b.broadcast(
      b.sum(chosen, dimensions: dimensions), to: x.shape, dimensions: kept)
    return try b.divide(b.multiply(spread, chosen), count)
  }
}
