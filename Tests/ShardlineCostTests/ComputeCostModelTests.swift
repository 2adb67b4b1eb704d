import ShardlineCost
import ShardlineHardware
import ShardlineIR
import Testing

@Suite("Roofline compute cost")
struct ComputeCostModelTests {
  let v100 = ComputeCostModel(device: .v100SXM2)

  @Test("a large f16 matmul runs near the tensor-core peak times the efficiency")
  func largeMatmul() {
    // 8192³ GEMM: 2·8192³ = 1.1e12 FLOPs; efficiency 0.8·1.1e12/(1.1e12 + 2e8) ≈ 0.79986.
    let flops = 2 * pow3(8192)
    let time = v100.time(isMatmul: true, flops: flops, bytes: 3 * 8192 * 8192 * 2, dtype: .f16)
    let expected = flops / (125e12 * 0.8 * flops / (flops + 2e8)) + 5e-6
    #expect(abs(time.seconds - expected) / expected < 1e-9)
    #expect(time.computeSeconds > time.memorySeconds)
  }

  @Test("small matmuls reach a smaller fraction of peak than large ones")
  func efficiencyGrows() {
    #expect(v100.matmulEfficiency(flops: 1e6) < v100.matmulEfficiency(flops: 1e9))
    #expect(v100.matmulEfficiency(flops: 1e12) < 0.8)
  }

  @Test("element-wise ops are bound by memory bandwidth")
  func elementwiseMemoryBound() {
    // 1M f32 adds: 1e6 FLOPs vs 12 MB at 900 GB/s · 0.85.
    let time = v100.time(isMatmul: false, flops: 1e6, bytes: 12e6, dtype: .f32)
    #expect(time.memorySeconds > time.computeSeconds)
    #expect(abs(time.seconds - (12e6 / (900e9 * 0.85) + 5e-6)) < 1e-12)
  }

  @Test("bf16 on a V100 falls back to the f32 rate")
  func bf16OnV100() {
    let f16 = v100.time(isMatmul: true, flops: 1e12, bytes: 0, dtype: .f16)
    let bf16 = v100.time(isMatmul: true, flops: 1e12, bytes: 0, dtype: .bf16)
    #expect(bf16.computeSeconds > 7 * f16.computeSeconds)
  }

  private func pow3(_ x: Double) -> Double { x * x * x }
}
