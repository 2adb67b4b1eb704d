import ShardlineIR

/// Reading StableHLO types as IR tensor types.
extension MLIRType {
  /// The IR tensor type this type denotes.
  ///
  /// - Throws: An ``ImportError`` at `location` for tuples, tokens, dynamic dimensions and
  ///   element types the IR lacks (`ui32`, `f64`, `i8`, complex, …).
  func tensorType(at location: SourceLocation, op: String?) throws(ImportError) -> TensorType {
    guard case .tensor(let shape, let element) = self else {
      throw ImportError(at: location, op: op, "type \(self) is not a ranked tensor type")
    }
    guard let dtype = DType(rawValue: element) else {
      throw ImportError(
        at: location, op: op,
        "element type \(element) is not supported (the IR has f32, f16, bf16, i32, i64, i1)")
    }
    if shape.contains(where: { $0 < 0 }) {
      throw ImportError(at: location, op: op, "type \(self) has a dynamic dimension")
    }
    return TensorType(shape, dtype)
  }
}

extension TensorType {
  /// The StableHLO spelling, `tensor<4x8xf32>`, for messages.
  var mlirDescription: String {
    MLIRType.tensor(shape: shape, element: dtype.rawValue).description
  }
}
