import ShardlineIR

/// `stablehlo.reduce`: single reductions with an add, max or min region, and the two-operand
/// argmax/argmin reductions JAX emits.
extension OpConversion {
  /// The reduction's results.
  func convertReduce() throws(ImportError) -> [Bound] {
    let count = operation.operands.count
    let dimensions = try integers("dimensions")
    switch count {
    case 2:
      let kind = try reductionKind(of: combiner(), dtype: bound(0).type.dtype)
      return [try reduce(value(0), kind, dimensions: dimensions, initial: bound(1))]
    case 4: return try argReduce(dimensions: dimensions)
    default: throw error("reductions of \(count / 2) operands are not supported")
    }
  }

  /// The reduction kind a combiner op stands for (`and`/`or` on `i1` are `min`/`max`).
  func reductionKind(of combiner: String, dtype: DType) throws(ImportError) -> ReductionKind {
    switch (combiner, dtype) {
    case ("stablehlo.add", _): return .sum
    case ("stablehlo.maximum", _), ("stablehlo.or", .i1): return .max
    case ("stablehlo.minimum", _), ("stablehlo.and", .i1): return .min
    default: throw error("a reduction with a \(combiner) combiner is not supported")
    }
  }

  /// Whether `value` is the identity of `kind` over `dtype` (0; −∞ or the lowest finite value;
  /// +∞ or the greatest finite value).
  static func isIdentity(_ value: Double, of kind: ReductionKind, dtype: DType) -> Bool {
    let greatest: Double =
      switch dtype {
      case .f32: Double(Float.greatestFiniteMagnitude)
      case .bf16: 0x1.FEp127
      case .f16: 65504
      case .i32: Double(Int32.max)
      case .i64: 0x1p63
      case .i1: 1
      }
    let lowest = dtype == .i1 ? 0 : dtype.isFloatingPoint ? -greatest : -greatest - 1
    switch kind {
    case .sum: return value == 0
    case .max: return value <= lowest
    case .min: return value >= greatest
    }
  }

  /// `x` reduced over `dimensions`, combined with `initial` unless it is the identity.
  func reduce(_ x: Value, _ kind: ReductionKind, dimensions: [Int], initial: Bound, result: Int = 0)
    throws(ImportError) -> Bound
  {
    guard initial.type == TensorType([], x.dtype) else {
      throw error("initial value \(initial.type.mlirDescription) is not a scalar of the input type")
    }
    if let value = initial.element(0), Self.isIdentity(value, of: kind, dtype: x.dtype) {
      return try emitResult(.reduce(kind, dimensions: dimensions), [x], result: result)
    }
    let reduced = try emit(.reduce(kind, dimensions: dimensions), [x], suffix: "reduce")
    let start = try emit(
      .broadcastInDim(dimensions: []), [materialize(initial)], type: reduced.type, suffix: "init")
    let combine: BinaryOperator =
      switch (kind, x.dtype) {
      case (.sum, _): .add
      case (.max, .i1): .or
      case (.min, .i1): .and
      case (.max, _): .maximum
      case (.min, _): .minimum
      }
    return try emitResult(.binary(combine), [reduced, start], result: result)
  }

  /// JAX's argmax/argmin: `reduce(values, indices)` whose region keeps the larger (smaller)
  /// value and its index, preferring the smaller index on ties. Emitted as the max (min) `m`,
  /// then `reduce_min(select(values == m, indices, BIG))`. NaNs are not given JAX's priority.
  private func argReduce(dimensions: [Int]) throws(ImportError) -> [Bound] {
    let kind = try argReductionKind()
    let (x, indices) = (try value(0), try value(1))
    guard indices.dtype.isInteger, indices.shape == x.shape else {
      throw error("the second reduced operand must be integer indices shaped like the first")
    }
    let extreme = try reduce(x, kind, dimensions: dimensions, initial: bound(2))
    let kept = x.type.shape.indices.filter { !dimensions.contains($0) }
    let spread = try emit(
      .broadcastInDim(dimensions: kept), [materialize(extreme)], type: x.type, suffix: "spread")
    let hits = try emit(.compare(.eq), [x, spread], suffix: "hits")
    let big = try emit(
      .constant(.splat(indices.dtype == .i32 ? Double(Int32.max) : 0x1p53)), [],
      type: indices.type, suffix: "big")
    let candidates = try emit(.select, [hits, indices, big], suffix: "candidates")
    let index = try emitResult(
      .reduce(.min, dimensions: dimensions), [candidates], result: 1)
    return [extreme, index]
  }

  /// Whether a two-operand region is an argmax (`max`) or argmin (`min`) step: both results are
  /// `select`s on one predicate between the (value, index) pairs, and the predicate comes from a
  /// `GT`/`GE`/`LT`/`LE` comparison of the two values.
  private func argReductionKind() throws(ImportError) -> ReductionKind {
    let unsupported = error("two-operand reductions other than argmax/argmin are not supported")
    guard let block = operation.regions.first, block.arguments.count == 4,
      let terminator = block.operations.last, terminator.operands.count == 2
    else { throw unsupported }
    let args = block.arguments.map(\.name)
    let producers = Dictionary(
      block.operations.compactMap { op in op.resultName.map { ($0, op) } },
      uniquingKeysWith: { first, _ in first })
    guard let valueSelect = producers[terminator.operands[0].name],
      let indexSelect = producers[terminator.operands[1].name],
      valueSelect.name == "stablehlo.select", indexSelect.name == "stablehlo.select",
      valueSelect.operands.count == 3, indexSelect.operands.count == 3,
      valueSelect.operands[0].name == indexSelect.operands[0].name,
      valueSelect.operands[0].result == indexSelect.operands[0].result,
      valueSelect.operands[1...].map(\.name) == [args[0], args[2]],
      indexSelect.operands[1...].map(\.name) == [args[1], args[3]]
    else { throw unsupported }
    for op in block.operations where op.name == "stablehlo.compare" && op.operands.count == 2 {
      let pair = op.operands.map(\.name)
      guard pair == [args[0], args[2]] || pair == [args[2], args[0]],
        case .enumeration(_, let direction) = op.attributes["comparison_direction"]
      else { continue }
      let greater = direction == "GT" || direction == "GE"
      guard greater || direction == "LT" || direction == "LE" else { continue }
      return greater == (pair[0] == args[0]) ? .max : .min
    }
    throw unsupported
  }
}
