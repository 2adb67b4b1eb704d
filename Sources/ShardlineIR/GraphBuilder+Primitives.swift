/// One method per primitive op, so model code reads like the math it implements.
extension GraphBuilder {
  /// A tensor with every element equal to `value`.
  public func constant(_ value: Double, _ type: TensorType, label: String? = nil) throws(IRError)
    -> Value
  {
    try emit(.constant(.splat(value)), [], type: type, label: label)
  }

  /// A tensor with the given row-major elements.
  public func constant(_ values: [Double], _ type: TensorType, label: String? = nil)
    throws(IRError) -> Value
  {
    try emit(.constant(.dense(values)), [], type: type, label: label)
  }

  /// A scalar constant.
  public func scalar(_ value: Double, _ dtype: DType) throws(IRError) -> Value {
    try constant(value, TensorType([], dtype))
  }

  /// Indices along `dimension` of a tensor of type `type`.
  public func iota(_ type: TensorType, dimension: Int) throws(IRError) -> Value {
    try emit(.iota(dimension: dimension), [], type: type)
  }

  /// Converts to another element type (identity when it already has it).
  public func convert(_ x: Value, to dtype: DType) throws(IRError) -> Value {
    x.dtype == dtype ? x : try emit(.convert, [x], type: x.type.with(dtype: dtype))
  }

  /// An element-wise unary function.
  public func unary(_ op: UnaryOperator, _ x: Value, label: String? = nil) throws(IRError) -> Value
  {
    try emit(.unary(op), [x], label: label)
  }

  /// An element-wise binary function of equal-typed operands.
  public func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, label: String? = nil)
    throws(IRError) -> Value
  {
    try emit(.binary(op), [a, b], label: label)
  }

  /// `a + b`.
  public func add(_ a: Value, _ b: Value) throws(IRError) -> Value { try binary(.add, a, b) }
  /// `a - b`.
  public func subtract(_ a: Value, _ b: Value) throws(IRError) -> Value {
    try binary(.subtract, a, b)
  }
  /// `a * b`.
  public func multiply(_ a: Value, _ b: Value) throws(IRError) -> Value {
    try binary(.multiply, a, b)
  }
  /// `a / b`.
  public func divide(_ a: Value, _ b: Value) throws(IRError) -> Value { try binary(.divide, a, b) }
  /// `max(a, b)`.
  public func maximum(_ a: Value, _ b: Value) throws(IRError) -> Value {
    try binary(.maximum, a, b)
  }
  /// `-x`.
  public func negate(_ x: Value) throws(IRError) -> Value { try unary(.negate, x) }

  /// `x * s` for a scalar constant `s`.
  public func scale(_ x: Value, by s: Double) throws(IRError) -> Value {
    try multiply(x, constant(s, x.type))
  }

  /// Element-wise comparison giving `i1`.
  public func compare(_ a: Value, _ b: Value, _ direction: ComparisonDirection) throws(IRError)
    -> Value
  {
    try emit(.compare(direction), [a, b])
  }

  /// `predicate ? onTrue : onFalse` element-wise.
  public func select(_ predicate: Value, _ onTrue: Value, _ onFalse: Value) throws(IRError) -> Value
  {
    try emit(.select, [predicate, onTrue, onFalse])
  }

  /// Broadcasts `x` to `shape`, operand dimension `i` going to `dimensions[i]`.
  public func broadcast(_ x: Value, to shape: [Int], dimensions: [Int]) throws(IRError) -> Value {
    try emit(.broadcastInDim(dimensions: dimensions), [x], type: x.type.with(shape: shape))
  }

  /// Broadcasts `x` to `shape` NumPy-style, aligning trailing dimensions (identity if equal).
  public func broadcast(_ x: Value, to shape: [Int]) throws(IRError) -> Value {
    if x.shape == shape { return x }
    let offset = shape.count - x.rank
    return try broadcast(x, to: shape, dimensions: Array(offset..<shape.count))
  }

  /// Reinterprets `x` with another shape of the same element count.
  public func reshape(_ x: Value, _ shape: [Int]) throws(IRError) -> Value {
    x.shape == shape ? x : try emit(.reshape, [x], type: x.type.with(shape: shape))
  }

  /// Permutes dimensions: result dimension `i` is `x`'s dimension `permutation[i]`.
  public func transpose(_ x: Value, _ permutation: [Int]) throws(IRError) -> Value {
    permutation == Array(0..<x.rank) ? x : try emit(.transpose(permutation: permutation), [x])
  }

  /// Reverses `x` along `dimensions`.
  public func reverse(_ x: Value, _ dimensions: [Int]) throws(IRError) -> Value {
    try emit(.reverse(dimensions: dimensions), [x])
  }

  /// A static slice.
  public func slice(_ x: Value, start: [Int], limit: [Int], strides: [Int]? = nil)
    throws(IRError) -> Value
  {
    try emit(.slice(SliceAttributes(start: start, limit: limit, strides: strides)), [x])
  }

  /// Joins values along `dimension`.
  public func concatenate(_ values: [Value], dimension: Int) throws(IRError) -> Value {
    try emit(.concatenate(dimension: dimension), values)
  }

  /// Pads `x` with the scalar `value`.
  public func pad(_ x: Value, with value: Value, low: [Int], high: [Int], interior: [Int]? = nil)
    throws(IRError) -> Value
  {
    try emit(.pad(PadAttributes(low: low, high: high, interior: interior)), [x, value])
  }

  /// Reduces `x` over `dimensions` with `kind`.
  public func reduce(_ x: Value, _ kind: ReductionKind, dimensions: [Int]) throws(IRError) -> Value
  {
    try emit(.reduce(kind, dimensions: dimensions), [x])
  }

  /// Sum of `x` over `dimensions`.
  public func sum(_ x: Value, dimensions: [Int]) throws(IRError) -> Value {
    try reduce(x, .sum, dimensions: dimensions)
  }

  /// A generalized matrix product.
  public func dotGeneral(_ lhs: Value, _ rhs: Value, _ numbers: DotDimensionNumbers)
    throws(IRError) -> Value
  {
    try emit(.dotGeneral(numbers), [lhs, rhs])
  }

  /// `x @ w` contracting the last dimension of `x` with the first of `w`.
  public func matmul(_ x: Value, _ w: Value) throws(IRError) -> Value {
    try dotGeneral(x, w, DotDimensionNumbers(lhsContracting: [x.rank - 1], rhsContracting: [0]))
  }

  /// A convolution of `input` with `kernel`.
  public func convolution(_ input: Value, _ kernel: Value, _ attributes: ConvolutionAttributes)
    throws(IRError) -> Value
  {
    try emit(.convolution(attributes), [input, kernel])
  }

  /// Gathers slices of `operand` at `indices`.
  public func gather(_ operand: Value, _ indices: Value, _ numbers: GatherDimensionNumbers)
    throws(IRError) -> Value
  {
    try emit(.gather(numbers), [operand, indices])
  }

  /// Adds `updates` into `operand` at `indices`.
  public func scatterAdd(
    _ operand: Value, _ indices: Value, _ updates: Value, _ numbers: ScatterDimensionNumbers
  ) throws(IRError) -> Value {
    try emit(.scatterAdd(numbers), [operand, indices, updates])
  }

  /// A slice of static `sizes` at dynamic `start` indices.
  public func dynamicSlice(_ x: Value, start: [Value], sizes: [Int]) throws(IRError) -> Value {
    try emit(.dynamicSlice(sizes: sizes), [x] + start)
  }

  /// `x` with `update` written at dynamic `start` indices.
  public func dynamicUpdateSlice(_ x: Value, _ update: Value, start: [Value]) throws(IRError)
    -> Value
  {
    try emit(.dynamicUpdateSlice, [x, update] + start)
  }
}
