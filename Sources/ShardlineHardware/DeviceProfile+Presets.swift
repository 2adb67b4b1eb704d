/// Device presets, with the vendor datasheet each number comes from.
///
/// Memory capacities are binary (16 GiB, 40 GiB, …): HBM stacks come in GiB and `nvidia-smi`
/// reports them so (e.g. 40960 MiB on an A100-40GB). Bandwidths and FLOP rates are decimal, as the
/// datasheets state them. Tensor-core rates are the dense figures (half the "with sparsity" ones).
extension DeviceProfile {
  private static let gibibyte = 1 << 30

  /// NVIDIA V100 SXM2 16 GB, the GPU of AWS p3.16xlarge and of the Alpa paper's testbed.
  ///
  /// Source: NVIDIA V100 Tensor Core GPU datasheet (2020): FP32 15.7 TFLOPS, tensor (f16)
  /// 125 TFLOPS, 16 GB HBM2 at 900 GB/s. No TF32 or bf16 hardware.
  public static let v100SXM2 = DeviceProfile(
    name: "v100-sxm2-16gb", kind: .gpu,
    peakFlopsPerSecond: PeakFlops(f32: 15.7e12, f16: 125e12),
    memoryBytes: 16 * gibibyte, memoryBandwidthBytesPerSecond: 900e9)

  /// NVIDIA A100 SXM4 40 GB.
  ///
  /// Source: NVIDIA A100 Tensor Core GPU datasheet (2021): FP32 19.5 TFLOPS, TF32 156 TFLOPS,
  /// BF16/FP16 312 TFLOPS (dense), 40 GB HBM2 at 1,555 GB/s.
  public static let a100SXM40GB = DeviceProfile(
    name: "a100-40gb", kind: .gpu,
    peakFlopsPerSecond: PeakFlops(f32: 19.5e12, tf32: 156e12, f16: 312e12, bf16: 312e12),
    memoryBytes: 40 * gibibyte, memoryBandwidthBytesPerSecond: 1555e9)

  /// NVIDIA A100 SXM4 80 GB.
  ///
  /// Source: NVIDIA A100 Tensor Core GPU datasheet (2021): compute as the 40 GB part, 80 GB HBM2e
  /// at 2,039 GB/s.
  public static let a100SXM80GB = DeviceProfile(
    name: "a100-80gb", kind: .gpu,
    peakFlopsPerSecond: PeakFlops(f32: 19.5e12, tf32: 156e12, f16: 312e12, bf16: 312e12),
    memoryBytes: 80 * gibibyte, memoryBandwidthBytesPerSecond: 2039e9)

  /// NVIDIA H100 SXM5 80 GB.
  ///
  /// Source: NVIDIA H100 Tensor Core GPU datasheet (2023): FP32 67 TFLOPS; TF32 989 and
  /// BF16/FP16 1,979 TFLOPS with sparsity, so 494.5 and 989.5 TFLOPS dense; 80 GB HBM3 at
  /// 3.35 TB/s.
  public static let h100SXM = DeviceProfile(
    name: "h100-sxm", kind: .gpu,
    peakFlopsPerSecond: PeakFlops(f32: 67e12, tf32: 494.5e12, f16: 989.5e12, bf16: 989.5e12),
    memoryBytes: 80 * gibibyte, memoryBandwidthBytesPerSecond: 3.35e12)

  /// NVIDIA H200 SXM 141 GB.
  ///
  /// Source: NVIDIA H200 Tensor Core GPU datasheet (2024): compute as the H100 SXM, 141 GB HBM3e
  /// at 4.8 TB/s.
  public static let h200SXM = DeviceProfile(
    name: "h200", kind: .gpu,
    peakFlopsPerSecond: h100SXM.peakFlopsPerSecond,
    memoryBytes: 141 * gibibyte, memoryBandwidthBytesPerSecond: 4.8e12)

  /// One virtual device of the local CPU: a thread, given a core of its own while there are
  /// at least as many cores as devices.
  ///
  /// f16 and bf16 are computed at the f32 rate (OpenBLAS has no half-precision gemm, so operands
  /// are converted to f32). The host's memory capacity and bandwidth are split evenly over its
  /// devices, and over at least its cores, since all of them run at once. A host with more
  /// devices than cores time-shares them, so each device computes at `cores / devices` of the
  /// per-core rate: a plan for 8 devices on 2 cores is priced as the 2 cores can run it.
  ///
  /// - Parameters:
  ///   - cpu: Nominal values by default; pass measured ones after calibration.
  ///   - devicesPerHost: Device threads sharing the host; its core count when `nil`.
  public static func cpu(_ cpu: CPUCharacteristics = .nominal, devicesPerHost: Int? = nil)
    -> DeviceProfile
  {
    let cores = max(cpu.coreCount, 1)
    let sharers = max(devicesPerHost ?? cores, cores)
    let rate = cpu.f32FlopsPerSecondPerCore * Double(cores) / Double(sharers)
    return DeviceProfile(
      name: "cpu", kind: .cpu,
      peakFlopsPerSecond: PeakFlops(f32: rate, f16: rate, bf16: rate),
      memoryBytes: cpu.memoryBytes / sharers,
      memoryBandwidthBytesPerSecond: cpu.memoryBandwidthBytesPerSecond / Double(sharers),
      perOpOverheadSeconds: cpu.perOpOverheadSeconds,
      matmulHalfEfficiencyFlops: cpu.matmulHalfEfficiencyFlops,
      elementsPerSecondByOpKind: cpu.elementsPerSecondPerCore?.mapValues {
        $0 * Double(cores) / Double(sharers)
      },
      cacheBytes: cpu.lastLevelCacheBytes.map { $0 / sharers })
  }

  /// The preset names, in the order ``preset(named:)`` knows them.
  public static var presetNames: [String] {
    ["v100-sxm2-16gb", "a100-40gb", "a100-80gb", "h100-sxm", "h200", "cpu"]
  }

  /// The preset called `name` (see ``presetNames``), or `nil`.
  ///
  /// - Parameters:
  ///   - name: A preset name.
  ///   - cpu: What `cpu` is built from: nominal values unless calibrated ones are given.
  ///   - devicesPerHost: For `cpu`, the device threads sharing the host (its cores when `nil`).
  public static func preset(
    named name: String, cpu cpuCharacteristics: CPUCharacteristics = .nominal,
    devicesPerHost: Int? = nil
  ) -> DeviceProfile? {
    switch name {
    case "v100-sxm2-16gb": v100SXM2
    case "a100-40gb": a100SXM40GB
    case "a100-80gb": a100SXM80GB
    case "h100-sxm": h100SXM
    case "h200": h200SXM
    case "cpu": cpu(cpuCharacteristics, devicesPerHost: devicesPerHost)
    default: nil
    }
  }
}
