import ShardlineIR

/// Import-time evaluation of small integer and boolean values.
///
/// Loop counters, comparisons against trip counts and slice offsets are computed here instead of
/// in the graph, so that `while` loops unroll and dynamic slices at known offsets become static.
/// Only results of integer or `i1` type with at most ``elementLimit`` elements are folded;
/// floating-point values are never folded, so rounding stays the interpreter's business.
enum ConstantFolder {
  /// The most elements a folded (non-constant) value may have.
  static let elementLimit = 4096

  /// Whether values of `type` may be folded.
  static func folds(_ type: TensorType) -> Bool {
    !type.dtype.isFloatingPoint && type.elementCount <= elementLimit
  }

  /// `value` as an element of `dtype`: integers wrap (and truncate towards zero), `i1` is 0 or 1.
  static func cast(_ value: Double, to dtype: DType) -> Double {
    switch dtype {
    case .i1: return value != 0 ? 1 : 0
    case .i32, .i64:
      guard value.isFinite else { return 0 }
      let whole = value.rounded(.towardZero)
      guard abs(whole) < 0x1p62 else { return 0 }
      return dtype == .i32 ? Double(Int32(truncatingIfNeeded: Int64(whole))) : whole
    case .f32, .f16, .bf16: return value
    }
  }

  /// One element of `a op b`, or `nil` when it cannot be folded (division by zero, powers).
  static func binary(_ op: BinaryOperator, _ a: Double, _ b: Double, dtype: DType) -> Double? {
    let value: Double
    switch op {
    case .add: value = a + b
    case .subtract: value = a - b
    case .multiply: value = a * b
    case .divide:
      guard b != 0 else { return nil }
      value = (a / b).rounded(.towardZero)
    case .maximum: value = max(a, b)
    case .minimum: value = min(a, b)
    case .and: value = Double(Int64(a) & Int64(b))
    case .or: value = Double(Int64(a) | Int64(b))
    case .power: return nil
    }
    return cast(value, to: dtype)
  }

  /// One element of a comparison, as 0 or 1.
  static func compare(_ direction: ComparisonDirection, _ a: Double, _ b: Double) -> Double {
    let holds: Bool
    switch direction {
    case .eq: holds = a == b
    case .ne: holds = a != b
    case .lt: holds = a < b
    case .le: holds = a <= b
    case .gt: holds = a > b
    case .ge: holds = a >= b
    }
    return holds ? 1 : 0
  }

  /// The elements of `values` (of `shape`) broadcast to `target`, operand dimension `i` going to
  /// `dimensions[i]`; `nil` when the dimensions do not fit.
  static func broadcast(_ values: [Double], from shape: [Int], to target: [Int], dimensions: [Int])
    -> [Double]?
  {
    guard dimensions.count == shape.count,
      dimensions.allSatisfy({ target.indices.contains($0) }),
      zip(shape, dimensions).allSatisfy({ $0 == 1 || $0 == target[$1] }),
      values.count == shape.reduce(1, *)
    else { return nil }
    let count = target.reduce(1, *)
    var result: [Double] = []
    result.reserveCapacity(count)
    for flat in 0..<count {
      var rest = flat
      var index = Array(repeating: 0, count: target.count)
      for d in target.indices.reversed() {
        index[d] = rest % max(target[d], 1)
        rest /= max(target[d], 1)
      }
      var source = 0
      for (i, d) in dimensions.enumerated() {
        source = source * shape[i] + (shape[i] == 1 ? 0 : index[d])
      }
      guard values.indices.contains(source) else { return nil }
      result.append(values[source])
    }
    return result
  }
}

extension OpConversion {
  /// The op's result folded by `compute` from its operands' elements, when the result type is
  /// foldable and every operand is known; `nil` otherwise (the op is then emitted).
  func folded(_ compute: ([[Double]]) -> [Double]?) throws(ImportError) -> Bound? {
    let type = try resultType()
    guard ConstantFolder.folds(type) else { return nil }
    var inputs: [[Double]] = []
    for index in operation.operands.indices {
      guard let elements = try bound(index).elements else { return nil }
      inputs.append(elements)
    }
    guard let values = compute(inputs), values.count == type.elementCount else { return nil }
    return known(.dense(values.map { ConstantFolder.cast($0, to: type.dtype) }), type)
  }
}
