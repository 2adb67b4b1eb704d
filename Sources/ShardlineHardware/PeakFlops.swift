/// A device's peak dense arithmetic throughput per precision, in FLOP/s (floating-point operations
/// per second; a fused multiply-add counts as two).
///
/// Rates are the vendor's dense (not structured-sparsity) figures. Precisions a device has no
/// hardware for are `nil`, and ``flopsPerSecond(for:)`` documents what it falls back to.
public struct PeakFlops: Sendable, Codable, Hashable {
  /// Peak f32 rate on the regular FP32 pipelines, in FLOP/s.
  public var f32: Double
  /// Peak rate for f32 matmuls on TF32 tensor cores, in FLOP/s; `nil` before Ampere.
  public var tf32: Double?
  /// Peak f16 rate (tensor cores where present), in FLOP/s.
  public var f16: Double
  /// Peak bf16 rate (tensor cores where present), in FLOP/s; `nil` where the device has no bf16
  /// arithmetic (V100).
  public var bf16: Double?

  /// Creates a set of peak rates, each in FLOP/s.
  public init(f32: Double, tf32: Double? = nil, f16: Double, bf16: Double? = nil) {
    self.f32 = f32
    self.tf32 = tf32
    self.f16 = f16
    self.bf16 = bf16
  }

  /// The peak rate for `precision`, in FLOP/s.
  ///
  /// A precision the device has no units for falls back to the f32 rate: without TF32 tensor
  /// cores an f32 matmul runs on the FP32 pipelines, and without bf16 support (V100) frameworks
  /// upcast bf16 operands to f32 and compute there, so the f32 rate is the honest estimate (the
  /// f16 tensor-core rate would be wildly optimistic).
  public func flopsPerSecond(for precision: ComputePrecision) -> Double {
    switch precision {
    case .f32: f32
    case .tf32: tf32 ?? f32
    case .f16: f16
    case .bf16: bf16 ?? f32
    }
  }
}
