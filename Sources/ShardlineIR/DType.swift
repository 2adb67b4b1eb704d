/// An element type of a tensor, named as StableHLO names it.
public enum DType: String, Codable, Sendable, CaseIterable, Hashable {
  case f32, f16, bf16, i32, i64, i1

  /// Bytes one element occupies in device memory (`i1` is stored as one byte).
  public var byteSize: Int {
    switch self {
    case .f32, .i32: 4
    case .f16, .bf16: 2
    case .i64: 8
    case .i1: 1
    }
  }

  /// Whether the type is a floating-point type, and so can carry gradients.
  public var isFloatingPoint: Bool {
    switch self {
    case .f32, .f16, .bf16: true
    case .i32, .i64, .i1: false
    }
  }

  /// Whether the type is a signed integer type.
  public var isInteger: Bool { self == .i32 || self == .i64 }
}
