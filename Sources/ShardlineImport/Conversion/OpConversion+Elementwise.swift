import ShardlineIR

/// Constants, conversions and element-wise ops, with the decompositions of those the IR lacks.
extension OpConversion {
  /// `stablehlo.constant`: kept as a known value, emitted when a graph op reads it.
  func convertConstant() throws(ImportError) -> Bound {
    try expectOperands(0)
    let type = try resultType()
    guard case .dense(let elements, _) = try attribute("value") else {
      throw error("attribute 'value' is not a dense<…> attribute")
    }
    let value = try elements.constant(of: type, at: operation.location, op: operation.name)
    return known(value, type)
  }

  /// `stablehlo.iota`: folded when small, else an `iota` node.
  func convertIota() throws(ImportError) -> Bound {
    try expectOperands(0)
    let type = try resultType()
    let dimension = try integer("iota_dimension")
    guard type.shape.indices.contains(dimension) else {
      throw error("iota dimension \(dimension) out of range for \(type.mlirDescription)")
    }
    if ConstantFolder.folds(type) {
      let inner = type.shape[(dimension + 1)...].reduce(1, *)
      let size = type.shape[dimension]
      return known(.dense((0..<type.elementCount).map { Double(($0 / inner) % size) }), type)
    }
    return try emitResult(.iota(dimension: dimension), [], declared: true)
  }

  /// `stablehlo.convert`.
  func convertConvert() throws(ImportError) -> Bound {
    try expectOperands(1)
    if let result = try folded({ $0.first }) { return result }
    let operand = try value(0)
    if operand.type == (try resultType()) { return Bound(node: operand) }
    return try emitResult(.convert, [operand], declared: true)
  }

  /// A unary op; `chlo.square` maps onto `square`.
  func convertUnary(_ unary: UnaryOperator) throws(ImportError) -> Bound {
    try expectOperands(1)
    if unary == .negate, let result = try folded({ $0.first?.map { -$0 } }) { return result }
    return try emitResult(.unary(unary), [value(0)])
  }

  /// A binary op; `multiply x x` becomes `square x`, integer ops on known values are folded.
  func convertBinary(_ binary: BinaryOperator) throws(ImportError) -> Bound {
    try expectOperands(2)
    let (a, b) = (try bound(0), try bound(1))
    guard a.type == b.type else {
      throw error("operand types differ: \(a.type.mlirDescription) vs \(b.type.mlirDescription)")
    }
    let dtype = a.type.dtype
    let result = try folded { inputs -> [Double]? in
      var values: [Double] = []
      for (x, y) in zip(inputs[0], inputs[1]) {
        guard let value = ConstantFolder.binary(binary, x, y, dtype: dtype) else { return nil }
        values.append(value)
      }
      return values
    }
    if let result { return result }
    if binary == .multiply && operation.operands[0].name == operation.operands[1].name
      && operation.operands[0].result == operation.operands[1].result
      && dtype.isFloatingPoint
    {
      return try emitResult(.unary(.square), [materialize(a)])
    }
    return try emitResult(.binary(binary), [materialize(a), materialize(b)])
  }

  /// `stablehlo.compare`; the `compare_type` (`FLOAT`, `TOTALORDER`, `SIGNED`) is ignored, so
  /// `TOTALORDER`'s ordering of NaNs and signed zeros is not reproduced.
  func convertCompare() throws(ImportError) -> Bound {
    try expectOperands(2)
    let text = try enumeration("comparison_direction")
    guard let direction = ComparisonDirection(rawValue: text) else {
      throw error("unknown comparison direction \(text)")
    }
    guard try bound(0).type == bound(1).type else { throw error("operand types differ") }
    let result = try folded { inputs in
      zip(inputs[0], inputs[1]).map { ConstantFolder.compare(direction, $0, $1) }
    }
    if let result { return result }
    return try emitResult(.compare(direction), [value(0), value(1)])
  }

  /// `stablehlo.select`.
  func convertSelect() throws(ImportError) -> Bound {
    try expectOperands(3)
    let (predicate, onTrue) = (try bound(0), try bound(1))
    guard predicate.type.rank == 0 || predicate.type.shape == onTrue.type.shape else {
      throw error("predicate \(predicate.type.mlirDescription) does not match the operands")
    }
    let result = try folded { inputs -> [Double]? in
      let (predicate, onTrue, onFalse) = (inputs[0], inputs[1], inputs[2])
      guard onFalse.count == onTrue.count,
        predicate.count == 1 || predicate.count == onTrue.count
      else { return nil }
      return onTrue.indices.map { i in
        (predicate.count == 1 ? predicate[0] : predicate[i]) != 0 ? onTrue[i] : onFalse[i]
      }
    }
    if let result { return result }
    return try emitResult(.select, [value(0), value(1), value(2)])
  }

  /// `clamp(low, x, high)` as `min(max(x, low), high)`, scalar bounds broadcast to `x`.
  func convertClamp() throws(ImportError) -> Bound {
    try expectOperands(3)
    let x = try value(1)
    var bounds: [Value] = []
    for index in [0, 2] {
      let limit = try value(index)
      if limit.type == x.type {
        bounds.append(limit)
      } else if limit.type == TensorType([], x.dtype) {
        bounds.append(
          try emit(
            .broadcastInDim(dimensions: []), [limit], type: x.type,
            suffix: index == 0 ? "low" : "high"))
      } else {
        throw error("clamp bound \(limit.type.mlirDescription) does not match the operand")
      }
    }
    let raised = try emit(.binary(.maximum), [x, bounds[0]], suffix: "max")
    return try emitResult(.binary(.minimum), [raised, bounds[1]])
  }

  /// Logical `not` of an `i1` tensor as `x == false`; bitwise `not` of integers is rejected.
  func convertNot() throws(ImportError) -> Bound {
    try expectOperands(1)
    let x = try bound(0)
    guard x.type.dtype == .i1 else { throw error("bitwise not of integers is not supported") }
    if let result = try folded({ $0.first?.map { $0 == 0 ? 1 : 0 } }) { return result }
    let falses = try emit(.constant(.splat(0)), [], type: x.type, suffix: "false")
    return try emitResult(.compare(.eq), [materialize(x), falses])
  }

  /// `is_finite(x)` as `abs(x) < +∞`, false for ±∞ and NaN (optax's update checks its
  /// gradients with it).
  func convertIsFinite() throws(ImportError) -> Bound {
    try expectOperands(1)
    let x = try value(0)
    guard x.type.dtype.isFloatingPoint else { throw error("is_finite needs a float operand") }
    let magnitude = try emit(.unary(.abs), [x], suffix: "magnitude")
    let infinity = try emit(.constant(.splat(.infinity)), [], type: x.type, suffix: "infinity")
    return try emitResult(.compare(.lt), [magnitude, infinity])
  }

  /// Logical `xor` of `i1` tensors as `a != b`; bitwise `xor` of integers is rejected.
  func convertXor() throws(ImportError) -> Bound {
    try expectOperands(2)
    guard try bound(0).type.dtype == .i1 else {
      throw error("bitwise xor of integers is not supported")
    }
    if let result = try folded({ zip($0[0], $0[1]).map { $0 != $1 ? 1 : 0 } }) { return result }
    return try emitResult(.compare(.ne), [value(0), value(1)])
  }

  /// `exp(x) − 1`, which loses the precision `expm1` keeps for tiny `x`.
  func convertExpm1() throws(ImportError) -> Bound {
    try expectOperands(1)
    let x = try value(0)
    let exp = try emit(.unary(.exponential), [x], suffix: "exp")
    let one = try emit(.constant(.splat(1)), [], type: x.type, suffix: "one")
    return try emitResult(.binary(.subtract), [exp, one])
  }

  /// `log(1 + x)`, which loses the precision `log1p` keeps for tiny `x`.
  func convertLog1p() throws(ImportError) -> Bound {
    try expectOperands(1)
    let x = try value(0)
    let one = try emit(.constant(.splat(1)), [], type: x.type, suffix: "one")
    let sum = try emit(.binary(.add), [x, one], suffix: "add")
    return try emitResult(.unary(.log), [sum])
  }
}
