import ShardlineIR

/// The error function, which exact GELU needs (`jax.nn.gelu(approximate=False)` prints
/// `chlo.erfc`), from element-wise ops the IR has.
extension OpConversion {
  /// Abramowitz and Stegun's rational approximation 7.1.26 (Handbook of Mathematical
  /// Functions, 1964): for `a = |x|` and `t = 1/(1 + p·a)`,
  /// `erfc(a) ≈ t·(a1 + t·(a2 + t·(a3 + t·(a4 + t·a5))))·exp(−a²)`, with an absolute error of
  /// at most 1.5·10⁻⁷.
  private static let p = 0.327_591_1
  private static let coefficients = [
    0.254_829_592, -0.284_496_736, 1.421_413_741, -1.453_152_027, 1.061_405_429,
  ]

  /// `chlo.erf` / `stablehlo.erf` as `sign(x)·(1 − erfc(|x|))`.
  func convertErf() throws(ImportError) -> Bound {
    let (x, tail) = try complementaryTail()
    let one = try splat(1, like: x, "one")
    let magnitude = try emit(.binary(.subtract), [one, tail], suffix: "erf_abs")
    let sign = try emit(.unary(.sign), [x], suffix: "sign")
    return try emitResult(.binary(.multiply), [sign, magnitude])
  }

  /// `chlo.erfc` as `erfc(|x|)` for `x ≥ 0` and `2 − erfc(|x|)` below.
  func convertErfc() throws(ImportError) -> Bound {
    let (x, tail) = try complementaryTail()
    let two = try splat(2, like: x, "two")
    let mirrored = try emit(.binary(.subtract), [two, tail], suffix: "mirrored")
    let zero = try splat(0, like: x, "zero")
    let positive = try emit(.compare(.ge), [x, zero], suffix: "positive")
    return try emitResult(.select, [positive, tail, mirrored])
  }

  /// The operand and `erfc(|x|)` by the approximation above.
  private func complementaryTail() throws(ImportError) -> (Value, Value) {
    try expectOperands(1)
    let x = try value(0)
    guard x.dtype.isFloatingPoint else { throw error("the error function needs a float operand") }
    let magnitude = try emit(.unary(.abs), [x], suffix: "abs")
    let scaled = try emit(
      .binary(.multiply), [magnitude, splat(Self.p, like: x, "p")], suffix: "scaled")
    let denominator = try emit(
      .binary(.add), [scaled, splat(1, like: x, "one")], suffix: "denominator")
    let t = try emit(
      .binary(.divide), [splat(1, like: x, "one"), denominator], suffix: "t")
    var polynomial = try splat(Self.coefficients[4], like: x, "a5")
    for coefficient in Self.coefficients.dropLast().reversed() {
      let product = try emit(.binary(.multiply), [polynomial, t], suffix: "horner")
      polynomial = try emit(
        .binary(.add), [product, splat(coefficient, like: x, "a")], suffix: "horner")
    }
    polynomial = try emit(.binary(.multiply), [polynomial, t], suffix: "horner")
    let square = try emit(.unary(.square), [magnitude], suffix: "square")
    let negated = try emit(.unary(.negate), [square], suffix: "negated")
    let gaussian = try emit(.unary(.exponential), [negated], suffix: "gaussian")
    return (x, try emit(.binary(.multiply), [polynomial, gaussian], suffix: "erfc"))
  }

  /// A constant `value` of `x`'s type.
  private func splat(_ value: Double, like x: Value, _ suffix: String) throws(ImportError)
    -> Value
  {
    try emit(.constant(.splat(value)), [], type: x.type, suffix: suffix)
  }
}
