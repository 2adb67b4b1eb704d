/// The static type of a tensor: its shape (row-major dimension sizes) and element type.
public struct TensorType: Hashable, Codable, Sendable, CustomStringConvertible {
  /// Size of each dimension, outermost first. Empty for a scalar.
  public var shape: [Int]
  /// The element type.
  public var dtype: DType

  /// Creates a tensor type.
  public init(_ shape: [Int], _ dtype: DType) {
    self.shape = shape
    self.dtype = dtype
  }

  /// Number of dimensions.
  public var rank: Int { shape.count }

  /// Number of elements (1 for a scalar).
  public var elementCount: Int { shape.reduce(1, *) }

  /// Bytes the tensor occupies in device memory.
  public var byteCount: Int { elementCount * dtype.byteSize }

  /// The same shape with another element type.
  public func with(dtype: DType) -> TensorType { TensorType(shape, dtype) }

  /// The same element type with another shape.
  public func with(shape: [Int]) -> TensorType { TensorType(shape, dtype) }

  /// `f32[2,3]`, the notation of error messages and golden tests.
  public var description: String {
    "\(dtype.rawValue)[\(shape.map(String.init).joined(separator: ","))]"
  }
}
