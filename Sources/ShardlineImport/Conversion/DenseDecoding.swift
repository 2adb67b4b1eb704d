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
        FloatBits.element(littleEndian: bytes[$0..<($0 + width)], as: type.dtype)
      }
    }
    if values.count == 1 && type.elementCount != 1 { return .splat(values[0]) }
    guard values.count == type.elementCount else {
      throw ImportError(
        at: location, op: op, "\(values.count) elements for \(type.mlirDescription)")
    }
    return .dense(values)
  }
}
