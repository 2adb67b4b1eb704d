import ShardlineIR

/// Turning `dense<…>` attribute elements into a constant of a known element type.
extension DenseElements {
  /// The constant these elements give a tensor of `type`.
  ///
  /// Hex elements are little-endian bytes of the element type (`i1` one byte per element); a
  /// hex string holding one element is a splat.
  ///
  /// - Throws: An ``ImportError`` at `location` when the element count does not match the type.
  func constant(of type: TensorType, at location: SourceLocation, op: String?) throws(ImportError)
    -> ConstantValue
  {
    let values: [Double]
    switch self {
    case .splat(let value): return .splat(value)
    case .values(let list): values = list
    case .hex(let bytes):
      let width = type.dtype.byteSize
      guard bytes.count % width == 0 else {
        throw ImportError(
          at: location, op: op,
          "\(bytes.count) hex bytes do not hold whole \(type.dtype.rawValue) elements")
      }
      values = stride(from: 0, to: bytes.count, by: width).map {
        Self.decode(bytes[$0..<($0 + width)], as: type.dtype)
      }
    }
    if values.count == 1 && type.elementCount != 1 { return .splat(values[0]) }
    guard values.count == type.elementCount else {
      throw ImportError(
        at: location, op: op, "\(values.count) elements for \(type.mlirDescription)")
    }
    return .dense(values)
  }

  /// One little-endian element.
  private static func decode(_ bytes: ArraySlice<UInt8>, as dtype: DType) -> Double {
    var bits: UInt64 = 0
    for (shift, byte) in bytes.enumerated() { bits |= UInt64(byte) << (8 * UInt64(shift)) }
    switch dtype {
    case .f32: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
    case .bf16: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits) << 16))
    case .f16: return halfToDouble(UInt16(truncatingIfNeeded: bits))
    case .i32: return Double(Int32(truncatingIfNeeded: bits))
    case .i64: return Double(Int64(bitPattern: bits))
    case .i1: return bits == 0 ? 0 : 1
    }
  }

  /// An IEEE half-precision value, decoded without relying on `Float16` (absent on x86 macOS).
  private static func halfToDouble(_ bits: UInt16) -> Double {
    let sign: Double = bits & 0x8000 == 0 ? 1 : -1
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Double(bits & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 0x1F: return fraction == 0 ? sign * .infinity : .nan
    default:
      return sign * (1 + fraction / 1024)
        * Double(sign: .plus, exponent: exponent - 15, significand: 1)
    }
  }
}
