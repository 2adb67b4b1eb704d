import ShardlineIR

/// A tensor in host memory: a shape, an element type and row-major `Float` storage.
///
/// Every element type is held as `Float`: `f16` and `bf16` values are `Float`s rounded to that
/// precision, and `i32`, `i64` and `i1` values are `Float`s holding whole numbers (`i1` as 0 or 1).
/// Integers are therefore exact only up to 2^24 in magnitude; integer overflow is not emulated.
/// This is the interpreter's and the CPU runtime's one tensor type.
public struct HostTensor: Sendable, Equatable, CustomStringConvertible {
  /// Size of each dimension, outermost first. Empty for a scalar.
  public let shape: [Int]
  /// The element type the values stand for.
  public let dtype: DType
  /// The elements in row-major order; `storage.count` equals ``elementCount``.
  public var storage: [Float]

  /// Creates a tensor from row-major elements.
  ///
  /// - Precondition: `storage.count` equals the product of `shape` and no dimension is negative.
  public init(shape: [Int], dtype: DType = .f32, storage: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
    precondition(
      storage.count == shape.reduce(1, *),
      "\(storage.count) elements for shape \(shape)")
    self.shape = shape
    self.dtype = dtype
    self.storage = storage
  }

  /// Creates a tensor of the given type from row-major elements.
  ///
  /// - Precondition: `storage.count` equals `type.elementCount`.
  public init(_ type: TensorType, storage: [Float]) {
    self.init(shape: type.shape, dtype: type.dtype, storage: storage)
  }

  /// Creates a scalar (rank-0) tensor.
  public init(scalar: Float, dtype: DType = .f32) {
    self.init(shape: [], dtype: dtype, storage: [scalar])
  }

  /// A tensor of the given shape and element type with every element zero.
  public static func zeros(shape: [Int], dtype: DType = .f32) -> HostTensor {
    HostTensor(shape: shape, dtype: dtype, storage: Array(repeating: 0, count: shape.reduce(1, *)))
  }

  /// A tensor of the given type with every element zero.
  public static func zeros(_ type: TensorType) -> HostTensor {
    zeros(shape: type.shape, dtype: type.dtype)
  }

  /// The tensor's static type.
  public var type: TensorType { TensorType(shape, dtype) }

  /// Number of dimensions.
  public var rank: Int { shape.count }

  /// Number of elements (1 for a scalar).
  public var elementCount: Int { storage.count }

  /// The single element of a scalar or one-element tensor.
  ///
  /// - Precondition: the tensor has exactly one element.
  public var scalar: Float {
    precondition(storage.count == 1, "tensor \(type) is not a scalar")
    return storage[0]
  }

  /// Row-major strides, in elements, of each dimension.
  public var strides: [Int] { Self.strides(of: shape) }

  /// The element at a multi-dimensional index.
  ///
  /// - Precondition: `index` has one in-bounds component per dimension.
  public subscript(_ index: Int...) -> Float {
    get { storage[offset(of: index)] }
    set { storage[offset(of: index)] = newValue }
  }

  /// The element at a multi-dimensional index given as an array.
  ///
  /// - Precondition: `index` has one in-bounds component per dimension.
  public subscript(index index: [Int]) -> Float {
    get { storage[offset(of: index)] }
    set { storage[offset(of: index)] = newValue }
  }

  /// `f32[2,2] [1.0, 2.0, 3.0, 4.0]`, the type and the elements (the first 16 only).
  public var description: String {
    let shown = storage.prefix(16).map { "\($0)" }.joined(separator: ", ")
    return "\(type) [\(shown)\(storage.count > 16 ? ", …" : "")]"
  }

  /// Row-major strides, in elements, of a shape.
  static func strides(of shape: [Int]) -> [Int] {
    var strides = Array(repeating: 1, count: shape.count)
    var stride = 1
    for d in shape.indices.reversed() {
      strides[d] = stride
      stride *= shape[d]
    }
    return strides
  }

  private func offset(of index: [Int]) -> Int {
    precondition(index.count == shape.count, "index \(index) for shape \(shape)")
    var offset = 0
    for (d, i) in index.enumerated() {
      precondition(i >= 0 && i < shape[d], "index \(index) out of bounds for shape \(shape)")
      offset = offset * shape[d] + i
    }
    return offset
  }
}

extension HostTensor {
  /// The largest element-wise difference from `reference`, relative to the largest magnitude
  /// in `reference` (at least 10⁻⁶): the measure `run --verify` and `import --reference` hold
  /// to their limits. `nil` when the shapes differ.
  public func relativeDifference(from reference: HostTensor) -> Double? {
    guard shape == reference.shape else { return nil }
    let scale = Double(max(reference.storage.map(abs).max() ?? 0, 1e-6))
    return Double(zip(storage, reference.storage).map { abs($0 - $1) }.max() ?? 0) / scale
  }
}
