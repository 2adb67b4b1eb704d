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

  @Test("a calibrated CPU's measured overhead and matmul curve replace the defaults")
  func measuredOverhead() {
    let cpu = CPUCharacteristics(
      coreCount: 2, f32FlopsPerSecondPerCore: 50e9, memoryBytes: 1 << 30,
      memoryBandwidthBytesPerSecond: 10e9, sharedMemoryBandwidthBytesPerSecond: 5e9,
      sharedMemoryLatencySeconds: 1e-5, perOpOverheadSeconds: 8e-6,
      matmulHalfEfficiencyFlops: 3e4)
    #expect(ComputeCostModel(device: .cpu(cpu)).options.perOpOverheadSeconds == 8e-6)
    #expect(ComputeCostModel(device: .cpu(cpu)).options.matmulHalfEfficiencyFlops == 3e4)
    #expect(ComputeCostModel(device: .cpu()).options.perOpOverheadSeconds == 1e-6)
    let pinned = ComputeCostModel(
      device: .cpu(cpu), options: CostModelOptions(perOpOverheadSeconds: 2e-6))
    #expect(pinned.options.perOpOverheadSeconds == 2e-6)
  }

  @Test("a calibrated CPU prices an op kind it measured at the kind's rate")
  func opKindRates() throws {
    let cpu = CPUCharacteristics(
      coreCount: 2, f32FlopsPerSecondPerCore: 50e9, memoryBytes: 1 << 30,
      memoryBandwidthBytesPerSecond: 10e9, sharedMemoryBandwidthBytesPerSecond: 5e9,
      sharedMemoryLatencySeconds: 1e-5, perOpOverheadSeconds: 0,
      elementsPerSecondPerCore: ["tanh": 1e8, "dot_general": 1])
    let model = ComputeCostModel(device: .cpu(cpu))
    // 1M tanh reads and writes 2M elements: 2e6 / 1e8 = 20 ms, above 1M FLOPs at 25 GFLOP/s
    // and 8 MB at 4.25 GB/s.
    let tanh = model.time(
      isMatmul: false, flops: 1e6, bytes: 8e6, dtype: .f32, kind: "tanh", elements: 2e6)
    #expect(abs(tanh.seconds - 0.02) < 1e-12)
    // A kind without a rate is memory-bound: 8 MB at 5 GB/s per core × 0.85.
    let add = model.time(
      isMatmul: false, flops: 1e6, bytes: 8e6, dtype: .f32, kind: "add", elements: 3e6)
    #expect(abs(add.seconds - 8e6 / (5e9 * 0.85)) < 1e-12)
    // Matrix products keep their FLOP rate whatever the table says.
    let product = model.time(
      isMatmul: true, flops: 1e6, bytes: 8e6, dtype: .f32, kind: "dot_general", elements: 3e6)
    #expect(product.seconds < 0.01)
    let gpu = v100.time(
      isMatmul: false, flops: 1e6, bytes: 8e6, dtype: .f32, kind: "tanh", elements: 2e6)
    #expect(gpu.seconds == v100.time(isMatmul: false, flops: 1e6, bytes: 8e6, dtype: .f32).seconds)
    // With the cache's size known, an op whose bytes fit in the device's share of it is priced
    // at its kind's rate alone (1 MiB each for 2 cores): 3e5 elements at 1e9 per second.
    var cached = cpu
    cached.elementsPerSecondPerCore = ["add": 1e9]
    cached.lastLevelCacheBytes = 2 << 20
    let inCache = ComputeCostModel(device: .cpu(cached)).time(
      isMatmul: false, flops: 1e5, bytes: 1e6, dtype: .f32, kind: "add", elements: 3e5)
    #expect(abs(inCache.seconds - 3e-4) < 1e-12)
    #expect(inCache.memorySeconds == 0)
    // An optimizer update reads state from memory, cache or not: 1 MB at 5 GB/s × 0.85.
    let update = ComputeCostModel(device: .cpu(cached)).time(
      isMatmul: false, flops: 1e5, bytes: 1e6, dtype: .f32, kind: "add", elements: 1e5,
      freshOperands: false)
    #expect(abs(update.seconds - 1e6 / (5e9 * 0.85)) < 1e-12)
    let beyond = ComputeCostModel(device: .cpu(cached)).time(
      isMatmul: false, flops: 1e6, bytes: 1.2e7, dtype: .f32, kind: "add", elements: 1e6)
    // 12 MB at 5 GB/s × 0.85 = 2.8 ms, above 1e6 elements at 1e9 per second: DRAM-bound again.
    #expect(abs(beyond.seconds - 1.2e7 / (5e9 * 0.85)) < 1e-12)
    // Through a graph: the elements of a node are its operands' and its result's.
    let b = GraphBuilder(name: "t")
    let x = try b.input("x", TensorType([1000], .f32))
    let y = try b.unary(.tanh, x)
    b.output(y, role: .value)
    let graph = b.build()
    #expect(ComputeCostModel.elements(of: y.id, in: graph) == 2000)
    #expect(abs(model.time(of: y.id, in: graph).seconds - 2000 / 1e8) < 1e-12)
  }

  private func pow3(_ x: Double) -> Double { x * x * x }
}
