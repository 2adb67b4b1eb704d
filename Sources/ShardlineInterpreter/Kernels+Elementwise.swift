import Foundation
import ShardlineIR

/// Element-wise kernels: constants, iota, conversion and rounding, unary and binary arithmetic,
/// comparison and selection.
extension Kernels {
  /// The elements of a `constant`, not yet rounded to its element type.
  static func constant(_ value: ConstantValue, count: Int) -> [Float] {
    switch value {
    case .splat(let v): Array(repeating: Float(v), count: count)
    case .dense(let values): values.map { Float($0) }
    }
  }

  /// `result[i...] = i[dimension]` for a tensor of `shape`.
  static func iota(shape: [Int], dimension: Int) -> [Float] {
    let outer = shape[..<dimension].reduce(1, *)
    let size = shape[dimension]
    let inner = shape[(dimension + 1)...].reduce(1, *)
    var result = [Float](repeating: 0, count: outer * size * inner)
    result.withUnsafeMutableBufferPointer { out in
      var offset = 0
      for _ in 0..<outer {
        for i in 0..<size {
          let value = Float(i)
          for _ in 0..<inner {
            out[offset] = value
            offset &+= 1
          }
        }
      }
    }
    return result
  }

  /// `convert`: the elements as values of `dtype` (see ``round(_:to:)``).
  static func convert(_ x: [Float], to dtype: DType) -> [Float] {
    var result = x
    round(&result, to: dtype)
    return result
  }

  /// Rounds every element to a value of `dtype`.
  ///
  /// `f16` and `bf16` round to nearest, ties to even, overflowing to infinity as those formats
  /// do; integer types truncate toward zero (NaN becomes 0); `i1` is `x != 0`.
  static func round(_ x: inout [Float], to dtype: DType) {
    switch dtype {
    case .f32: return
    case .bf16: mapInPlace(&x, roundedToBFloat16)
    case .f16: mapInPlace(&x, roundedToHalf)
    case .i32, .i64: mapInPlace(&x) { $0.isNaN ? 0 : $0.rounded(.towardZero) }
    case .i1: mapInPlace(&x) { $0 != 0 ? 1 : 0 }
    }
  }

  /// `x` rounded to the nearest bfloat16 (8 significant bits), ties to even.
  static func roundedToBFloat16(_ x: Float) -> Float {
    if x.isNaN { return x }
    let bits = x.bitPattern
    return Float(bitPattern: (bits &+ 0x7FFF &+ ((bits >> 16) & 1)) & 0xFFFF_0000)
  }

  /// `x` rounded to the nearest IEEE half (11 significant bits, subnormals below 2^-14 in steps
  /// of 2^-24, infinity from 65520 up), ties to even.
  static func roundedToHalf(_ x: Float) -> Float {
    if !x.isFinite { return x }
    let magnitude = x.magnitude
    if magnitude >= 65520 { return x < 0 ? -.infinity : .infinity }
    if magnitude < 0x1p-14 { return (x * 0x1p24).rounded(.toNearestOrEven) * 0x1p-24 }
    let bits = x.bitPattern
    return Float(bitPattern: (bits &+ 0xFFF &+ ((bits >> 13) & 1)) & ~0x1FFF)
  }

  /// An element-wise unary function; `logistic` is 1/(1+e^-x) and `sign` gives -1, 0 (keeping
  /// the zero's sign) or 1, and NaN for NaN.
  static func unary(_ op: UnaryOperator, _ x: [Float]) -> [Float] {
    switch op {
    case .negate: map(x) { -$0 }
    case .exponential: map(x) { Foundation.exp($0) }
    case .log: map(x) { Foundation.log($0) }
    case .tanh: map(x) { Foundation.tanh($0) }
    case .logistic: map(x) { 1 / (1 + Foundation.exp(-$0)) }
    case .sqrt: map(x) { $0.squareRoot() }
    case .rsqrt: map(x) { 1 / $0.squareRoot() }
    case .abs: map(x) { $0.magnitude }
    case .square: map(x) { $0 * $0 }
    case .sign: map(x) { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 }
    case .sine: map(x) { Foundation.sin($0) }
    case .cosine: map(x) { Foundation.cos($0) }
    }
  }

  /// An element-wise binary function of `dtype` operands.
  ///
  /// Integer division truncates toward zero, and gives -1 for a zero divisor (as XLA does);
  /// `maximum` and `minimum` propagate NaN; `and` and `or` are bitwise on integers (logical on
  /// `i1`); `power` is `powf`.
  static func binary(_ op: BinaryOperator, _ a: [Float], _ b: [Float], dtype: DType) -> [Float] {
    switch op {
    case .add: return zipMap(a, b) { $0 + $1 }
    case .subtract: return zipMap(a, b) { $0 - $1 }
    case .multiply: return zipMap(a, b) { $0 * $1 }
    case .divide:
      if dtype.isFloatingPoint { return zipMap(a, b) { $0 / $1 } }
      return zipMap(a, b) { $1 == 0 ? -1 : Float((Double($0) / Double($1)).rounded(.towardZero)) }
    case .maximum: return zipMap(a, b) { $0.isNaN || $1.isNaN ? .nan : $0 > $1 ? $0 : $1 }
    case .minimum: return zipMap(a, b) { $0.isNaN || $1.isNaN ? .nan : $0 < $1 ? $0 : $1 }
    case .power: return zipMap(a, b) { Foundation.pow($0, $1) }
    case .and: return zipMap(a, b) { Float(wholeNumber($0) & wholeNumber($1)) }
    case .or: return zipMap(a, b) { Float(wholeNumber($0) | wholeNumber($1)) }
    }
  }

  /// Element-wise comparison giving 0 or 1 (IEEE semantics: every comparison with NaN but `NE`
  /// is false).
  static func compare(_ direction: ComparisonDirection, _ a: [Float], _ b: [Float]) -> [Float] {
    switch direction {
    case .eq: zipMap(a, b) { $0 == $1 ? 1 : 0 }
    case .ne: zipMap(a, b) { $0 != $1 ? 1 : 0 }
    case .lt: zipMap(a, b) { $0 < $1 ? 1 : 0 }
    case .le: zipMap(a, b) { $0 <= $1 ? 1 : 0 }
    case .gt: zipMap(a, b) { $0 > $1 ? 1 : 0 }
    case .ge: zipMap(a, b) { $0 >= $1 ? 1 : 0 }
    }
  }

  /// `predicate ? onTrue : onFalse` element-wise; a one-element predicate selects whole operands.
  static func select(_ predicate: [Float], _ onTrue: [Float], _ onFalse: [Float]) -> [Float] {
    if predicate.count == 1 && onTrue.count != 1 { return predicate[0] != 0 ? onTrue : onFalse }
    var result = onFalse
    result.withUnsafeMutableBufferPointer { out in
      predicate.withUnsafeBufferPointer { p in
        onTrue.withUnsafeBufferPointer { t in
          for i in 0..<out.count where p[i] != 0 { out[i] = t[i] }
        }
      }
    }
    return result
  }

  @inline(__always)
  static func map(_ x: [Float], _ f: (Float) -> Float) -> [Float] {
    [Float](unsafeUninitializedCapacity: x.count) { out, initialized in
      x.withUnsafeBufferPointer { input in
        var i = 0
        while i < input.count {
          (out.baseAddress! + i).initialize(to: f(input[i]))
          i &+= 1
        }
      }
      initialized = x.count
    }
  }

  @inline(__always)
  static func mapInPlace(_ x: inout [Float], _ f: (Float) -> Float) {
    x.withUnsafeMutableBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        buffer[i] = f(buffer[i])
        i &+= 1
      }
    }
  }

  @inline(__always)
  static func zipMap(_ a: [Float], _ b: [Float], _ f: (Float, Float) -> Float) -> [Float] {
    precondition(a.count == b.count, "operand sizes differ: \(a.count) vs \(b.count)")
    return [Float](unsafeUninitializedCapacity: a.count) { out, initialized in
      a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
          var i = 0
          while i < x.count {
            (out.baseAddress! + i).initialize(to: f(x[i], y[i]))
            i &+= 1
          }
        }
      }
      initialized = a.count
    }
  }
}
