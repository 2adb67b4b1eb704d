import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("Element-wise kernels")
struct ElementwiseKernelTests {
  typealias K = KernelTests

  @Test("unary functions match their definitions")
  func unary() throws {
    let x = K.tensor([4], [-2, -0.5, 0, 1.5])
    func run(_ op: UnaryOperator, _ input: HostTensor) throws -> [Float] {
      try K.evaluate([input]) { b, v throws(IRError) in try b.unary(op, v[0]) }.storage
    }
    #expect(try run(.negate, x) == [2, 0.5, -0, -1.5])
    #expect(try run(.abs, x) == [2, 0.5, 0, 1.5])
    #expect(try run(.square, x) == [4, 0.25, 0, 2.25])
    // sign: -1, -1, 0, 1.
    #expect(try run(.sign, x) == [-1, -1, 0, 1])
    let positive = K.tensor([3], [0.25, 1, 4])
    #expect(try run(.sqrt, positive) == [0.5, 1, 2])
    #expect(try run(.rsqrt, positive) == [2, 1, 0.5])
    // log(1) = 0, exp(0) = 1, tanh(0) = 0, logistic(0) = 1/(1+1) = 0.5.
    #expect(try run(.log, K.tensor([1], [1])) == [0])
    #expect(try run(.exponential, K.tensor([1], [0])) == [1])
    #expect(try run(.tanh, K.tensor([1], [0])) == [0])
    #expect(try run(.logistic, K.tensor([2], [0, 2])).first == 0.5)
    // logistic(2) = 1/(1+e^-2) = 0.880797.
    #expect(K.isClose(try run(.logistic, K.tensor([1], [2])), [0.880797]))
    // sin(π/2) = 1, cos(π) = -1.
    #expect(K.isClose(try run(.sine, K.tensor([1], [Float.pi / 2])), [1]))
    #expect(K.isClose(try run(.cosine, K.tensor([1], [Float.pi])), [-1]))
  }

  @Test("binary arithmetic, power and NaN-propagating maximum and minimum")
  func binaryFloat() throws {
    let a = K.tensor([4], [1, -6, 2, .nan])
    let b = K.tensor([4], [4, 4, 3, 1])
    func run(_ op: BinaryOperator) throws -> [Float] {
      try K.evaluate([a, b]) { g, v throws(IRError) in try g.binary(op, v[0], v[1]) }.storage
    }
    #expect(try run(.add).prefix(3) == [5, -2, 5])
    #expect(try run(.subtract).prefix(3) == [-3, -10, -1])
    #expect(try run(.multiply).prefix(3) == [4, -24, 6])
    #expect(try run(.divide).prefix(3) == [0.25, -1.5, 2.0 / 3.0])
    // 1^4 = 1, (-6)^4 = 1296, 2^3 = 8.
    #expect(try run(.power).prefix(3) == [1, 1296, 8])
    let maximum = try run(.maximum)
    #expect(maximum.prefix(3) == [4, 4, 3] && maximum[3].isNaN)
    let minimum = try run(.minimum)
    #expect(minimum.prefix(3) == [1, -6, 2] && minimum[3].isNaN)
  }

  @Test("integer division truncates toward zero and a zero divisor gives -1")
  func integerDivide() throws {
    // 7/2 = 3, -7/2 = -3 (not -4), 7/-2 = -3, 5/0 = -1.
    let a = K.tensor([4], [7, -7, 7, 5], .i32)
    let b = K.tensor([4], [2, 2, -2, 0], .i32)
    let result = try K.evaluate([a, b]) { g, v throws(IRError) in try g.divide(v[0], v[1]) }
    #expect(result.storage == [3, -3, -3, -1])
    #expect(result.dtype == .i32)
  }

  @Test("and and or are logical on i1 and bitwise on integers")
  func logical() throws {
    let p = K.tensor([4], [0, 0, 1, 1], .i1)
    let q = K.tensor([4], [0, 1, 0, 1], .i1)
    let and = try K.evaluate([p, q]) { g, v throws(IRError) in try g.binary(.and, v[0], v[1]) }
    let or = try K.evaluate([p, q]) { g, v throws(IRError) in try g.binary(.or, v[0], v[1]) }
    #expect(and.storage == [0, 0, 0, 1])
    #expect(or.storage == [0, 1, 1, 1])
    // 12 & 10 = 0b1100 & 0b1010 = 0b1000 = 8; 12 | 10 = 0b1110 = 14.
    let m = K.tensor([1], [12], .i32)
    let n = K.tensor([1], [10], .i32)
    #expect(
      try K.evaluate([m, n]) { g, v throws(IRError) in try g.binary(.and, v[0], v[1]) }.storage == [
        8
      ])
    #expect(
      try K.evaluate([m, n]) { g, v throws(IRError) in try g.binary(.or, v[0], v[1]) }.storage == [
        14
      ])
  }

  @Test("comparisons give 0 or 1 and are false against NaN except NE")
  func compare() throws {
    let a = K.tensor([3], [1, 2, .nan])
    let b = K.tensor([3], [2, 2, 1])
    func run(_ direction: ComparisonDirection) throws -> [Float] {
      try K.evaluate([a, b]) { g, v throws(IRError) in try g.compare(v[0], v[1], direction) }
        .storage
    }
    #expect(try run(.eq) == [0, 1, 0])
    #expect(try run(.ne) == [1, 0, 1])
    #expect(try run(.lt) == [1, 0, 0])
    #expect(try run(.le) == [1, 1, 0])
    #expect(try run(.gt) == [0, 0, 0])
    #expect(try run(.ge) == [0, 1, 0])
  }

  @Test("select picks element-wise, or whole operands with a scalar predicate")
  func select() throws {
    let t = K.tensor([3], [1, 2, 3])
    let f = K.tensor([3], [-1, -2, -3])
    let p = K.tensor([3], [1, 0, 1], .i1)
    #expect(
      try K.evaluate([p, t, f]) { g, v throws(IRError) in try g.select(v[0], v[1], v[2]) }.storage
        == [1, -2, 3])
    let scalar = HostTensor(scalar: 0, dtype: .i1)
    #expect(
      try K.evaluate([scalar, t, f]) { g, v throws(IRError) in try g.select(v[0], v[1], v[2]) }
        .storage == [-1, -2, -3])
  }

  @Test("constant and iota fill their declared type")
  func constantAndIota() throws {
    let splat = try K.evaluate([]) { g, _ throws(IRError) in
      try g.constant(2.5, TensorType([2, 2], .f32))
    }
    #expect(splat.storage == [2.5, 2.5, 2.5, 2.5])
    let dense = try K.evaluate([]) { g, _ throws(IRError) in
      try g.constant([1, 2, 3], TensorType([3], .f32))
    }
    #expect(dense.storage == [1, 2, 3])
    // An i32 constant of 2.7 truncates to 2.
    let integer = try K.evaluate([]) { g, _ throws(IRError) in try g.scalar(2.7, .i32) }
    #expect(integer.storage == [2])
    // iota over dimension 1 of [2, 3]: each row is 0, 1, 2.
    let rows = try K.evaluate([]) { g, _ throws(IRError) in
      try g.iota(TensorType([2, 3], .i32), dimension: 1)
    }
    #expect(rows.storage == [0, 1, 2, 0, 1, 2])
    // iota over dimension 0 of [2, 3]: rows of 0s then 1s.
    let columns = try K.evaluate([]) { g, _ throws(IRError) in
      try g.iota(TensorType([2, 3], .f32), dimension: 0)
    }
    #expect(columns.storage == [0, 0, 0, 1, 1, 1])
  }

  @Test("convert truncates toward zero to integers and tests non-zero for i1")
  func convertToIntegers() throws {
    let x = K.tensor([5], [2.7, -2.7, 0, -0.2, 3])
    let toInt = try K.evaluate([x]) { g, v throws(IRError) in try g.convert(v[0], to: .i32) }
    #expect(toInt.storage == [2, -2, 0, 0, 3])
    let toBool = try K.evaluate([x]) { g, v throws(IRError) in try g.convert(v[0], to: .i1) }
    #expect(toBool.storage == [1, 1, 0, 1, 1])
  }

  @Test("convert to bf16 rounds to 8 significant bits, ties to even")
  func convertToBFloat16() throws {
    // bf16 spacing just above 1 is 2^-7 = 0.0078125.
    // 1 + 2^-8 is a tie between 1 and 1 + 2^-7: to even → 1.
    // 1 + 3·2^-8 is a tie between 1 + 2^-7 and 1 + 2^-6: to even → 1 + 2^-6 = 1.015625.
    // 1 + 2^-8 + 2^-20 is above the tie → 1 + 2^-7.
    // 3.14159 → 3.140625 (spacing 2^-6 in [2, 4)).
    let x = K.tensor([5], [1 + 0x1p-8, 1 + 3 * 0x1p-8, 1 + 0x1p-8 + 0x1p-20, 3.14159, -.infinity])
    let y = try K.evaluate([x]) { g, v throws(IRError) in try g.convert(v[0], to: .bf16) }
    #expect(y.storage == [1, 1.015625, 1 + 0x1p-7, 3.140625, -.infinity])
    let nan = try K.evaluate([K.tensor([1], [.nan])]) { g, v throws(IRError) in
      try g.convert(v[0], to: .bf16)
    }
    #expect(nan.storage[0].isNaN)
  }

  @Test("convert to f16 rounds to 11 significant bits, subnormals and overflow like IEEE half")
  func convertToHalf() throws {
    // f16 spacing just above 1 is 2^-10. 1 + 2^-11 ties to 1; 1 + 3·2^-11 ties to 1 + 2^-9.
    // 65504 is the largest half; 65519 rounds to it; 65520 is the tie to 2^16 → infinity.
    // 2^-25 is half the smallest subnormal 2^-24: a tie to even → 0; 3·2^-25 → 2·2^-24.
    let x = K.tensor(
      [7], [1 + 0x1p-11, 1 + 3 * 0x1p-11, 65519, 65520, 0x1p-25, 3 * 0x1p-25, -0.1])
    let y = try K.evaluate([x]) { g, v throws(IRError) in try g.convert(v[0], to: .f16) }
    // -0.1 in half is -0.0999755859375.
    #expect(y.storage == [1, 1 + 0x1p-9, 65504, .infinity, 0, 0x1p-23, -0.0999755859375])
  }

  #if !(os(macOS) && arch(x86_64))
    @Test("f16 rounding agrees with Swift's Float16 on many values")
    func halfMatchesFloat16() throws {
      let x = K.random([4096], seed: 9)
      let scaled = HostTensor(
        shape: [4096],
        storage: x.storage.enumerated().map { i, v in v * Float(1 << (i % 40)) * 0x1p-26 })
      let y = try K.evaluate([scaled]) { g, v throws(IRError) in try g.convert(v[0], to: .f16) }
      #expect(y.storage == scaled.storage.map { Float(Float16($0)) })
    }
  #endif

  @Test("bf16 arithmetic results are rounded to bf16 after each op")
  func halfPrecisionArithmetic() throws {
    // In bf16, 256 + 1 = 257 is not representable (spacing 2 in [256, 512)): a tie → 256.
    let a = K.tensor([1], [256], .bf16)
    let b = K.tensor([1], [1], .bf16)
    let sum = try K.evaluate([a, b]) { g, v throws(IRError) in try g.add(v[0], v[1]) }
    #expect(sum.storage == [256])
    #expect(sum.dtype == .bf16)
  }
}
