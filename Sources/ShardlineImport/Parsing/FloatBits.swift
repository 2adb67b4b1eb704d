import ShardlineIR

/// Reads the bit patterns MLIR prints for floats it cannot write exactly in decimal
/// (`0x7F800000` is +∞ in `f32`, `0xFF80` is −∞ in `bf16`).
enum FloatBits {
  /// The value of `bits` read as a float of type `element` (`f16`, `bf16`, `f32`, `f64`), or
  /// `nil` for other types and for patterns wider than the type.
  static func value(ofBits bits: UInt64, element: String) -> Double? {
    switch element {
    case "f64":
      return Double(bitPattern: bits)
    case "f32", "tf32":
      guard bits <= UInt64(UInt32.max) else { return nil }
      return Double(Float(bitPattern: UInt32(bits)))
    case "bf16":
      guard bits <= UInt64(UInt16.max) else { return nil }
      return Double(Float(bitPattern: UInt32(bits) << 16))
    case "f16":
      guard bits <= UInt64(UInt16.max) else { return nil }
      return halfValue(UInt16(bits))
    default:
      return nil
    }
  }

  /// One element of type `dtype` from its little-endian bytes (`i1`: one byte, 0 or not).
  static func element(littleEndian bytes: ArraySlice<UInt8>, as dtype: DType) -> Double {
    var bits: UInt64 = 0
    for (shift, byte) in bytes.enumerated() { bits |= UInt64(byte) << (8 * UInt64(shift)) }
    switch dtype {
    case .f32: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
    case .bf16: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits) << 16))
    case .f16: return halfValue(UInt16(truncatingIfNeeded: bits))
    case .i32: return Double(Int32(truncatingIfNeeded: bits))
    case .i64: return Double(Int64(bitPattern: bits))
    case .i1: return bits == 0 ? 0 : 1
    }
  }

  /// An IEEE 754 binary16 value, decoded without `Float16` (absent on x86 macOS).
  private static func halfValue(_ bits: UInt16) -> Double {
    let sign: Double = bits & 0x8000 == 0 ? 1 : -1
    let exponent = Int(bits >> 10 & 0x1F)
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
