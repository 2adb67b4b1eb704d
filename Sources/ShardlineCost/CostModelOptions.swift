/// Knobs of the compute cost model, with defaults calibrated as documented on each field.
///
/// The model is a roofline: an op takes the longer of its arithmetic time (FLOPs at an
/// efficiency-scaled peak) and its memory time (bytes at peak bandwidth), plus a fixed launch
/// overhead.
public struct CostModelOptions: Sendable, Codable, Hashable {
  /// Fraction of the peak rate that very large matrix products and convolutions reach.
  ///
  /// Default 0.8 on GPUs: large cuBLAS GEMMs reach 80–90 % of tensor-core peak in NVIDIA's
  /// published cuBLAS throughput curves, and Megatron-LM measured 52 % of peak end-to-end
  /// (Narayanan et al., SC 2021) with attention, softmax and communication included.
  public var matmulPeakEfficiency: Double?
  /// FLOPs at which a matrix product reaches half of ``matmulPeakEfficiency``.
  ///
  /// Default 2·10⁸ on GPUs (a 460³ GEMM): small products cannot fill the device. On CPUs the
  /// default is 10⁶: OpenBLAS sgemm is near its peak from about 100³ (measured on this
  /// project's build machines, see CLIBS.md).
  public var matmulHalfEfficiencyFlops: Double?
  /// Fraction of the f32 peak that element-wise arithmetic reaches when it is not memory-bound.
  public var elementwiseEfficiency: Double
  /// Fraction of peak memory bandwidth that streaming ops reach (STREAM-like kernels on HBM
  /// reach about 85–90 %).
  public var memoryBandwidthEfficiency: Double
  /// Fixed time per op, in seconds: kernel launch on GPUs (about 5 µs), dispatch on CPUs.
  public var perOpOverheadSeconds: Double?

  /// Creates options; `nil` fields take the device-dependent defaults.
  public init(
    matmulPeakEfficiency: Double? = nil, matmulHalfEfficiencyFlops: Double? = nil,
    elementwiseEfficiency: Double = 0.5, memoryBandwidthEfficiency: Double = 0.85,
    perOpOverheadSeconds: Double? = nil
  ) {
    self.matmulPeakEfficiency = matmulPeakEfficiency
    self.matmulHalfEfficiencyFlops = matmulHalfEfficiencyFlops
    self.elementwiseEfficiency = elementwiseEfficiency
    self.memoryBandwidthEfficiency = memoryBandwidthEfficiency
    self.perOpOverheadSeconds = perOpOverheadSeconds
  }
}
