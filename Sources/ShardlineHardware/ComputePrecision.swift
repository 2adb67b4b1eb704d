/// The arithmetic precision a computation runs in, used to pick a device's peak FLOP rate.
///
/// Hardware does not depend on the IR module, so this is its own small enum; the cost layer maps
/// the IR's element types onto it.
public enum ComputePrecision: String, CaseIterable, Sendable, Codable, Hashable {
  /// IEEE single precision on the regular (non-tensor-core) pipelines.
  case f32
  /// f32 inputs multiplied on TF32 tensor cores (Ampere and later); falls back to ``f32``.
  case tf32
  /// IEEE half precision (tensor cores where the device has them).
  case f16
  /// bfloat16 (tensor cores where the device has them); falls back to ``f32``.
  case bf16
}
