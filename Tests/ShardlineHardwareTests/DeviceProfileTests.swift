import Foundation
import ShardlineHardware
import Testing

@Suite("DeviceProfile")
struct DeviceProfileTests {
  private let gibibyte = 1 << 30

  @Test("every preset name resolves to a profile of that name")
  func presetsResolve() {
    for name in DeviceProfile.presetNames {
      #expect(DeviceProfile.preset(named: name)?.name == name)
    }
    #expect(DeviceProfile.preset(named: "tpu-v4") == nil)
  }

  @Test("the V100 preset has the datasheet numbers and no bf16 or tf32 units")
  func v100() {
    let v100 = DeviceProfile.v100SXM2
    #expect(v100.kind == .gpu)
    #expect(v100.peakFlops(for: .f32) == 15.7e12)
    #expect(v100.peakFlops(for: .f16) == 125e12)
    #expect(v100.peakFlopsPerSecond.bf16 == nil)
    #expect(v100.peakFlopsPerSecond.tf32 == nil)
    #expect(v100.memoryBytes == 16 * gibibyte)
    #expect(v100.memoryBandwidthBytesPerSecond == 900e9)
  }

  @Test("bf16 and tf32 fall back to the f32 rate where the device has no units for them")
  func fallbacks() {
    #expect(DeviceProfile.v100SXM2.peakFlops(for: .bf16) == 15.7e12)
    #expect(DeviceProfile.v100SXM2.peakFlops(for: .tf32) == 15.7e12)
    #expect(DeviceProfile.a100SXM40GB.peakFlops(for: .bf16) == 312e12)
    #expect(DeviceProfile.a100SXM40GB.peakFlops(for: .tf32) == 156e12)
  }

  @Test("the A100 presets differ only in memory capacity and bandwidth")
  func a100() {
    let small = DeviceProfile.a100SXM40GB
    let large = DeviceProfile.a100SXM80GB
    #expect(
      small.peakFlopsPerSecond == PeakFlops(f32: 19.5e12, tf32: 156e12, f16: 312e12, bf16: 312e12))
    #expect(large.peakFlopsPerSecond == small.peakFlopsPerSecond)
    #expect(small.memoryBytes == 40 * gibibyte)
    #expect(large.memoryBytes == 80 * gibibyte)
    #expect(small.memoryBandwidthBytesPerSecond == 1555e9)
    #expect(large.memoryBandwidthBytesPerSecond == 2039e9)
  }

  @Test("the H200 has the H100's compute with more and faster memory")
  func hopper() {
    let h100 = DeviceProfile.h100SXM
    let h200 = DeviceProfile.h200SXM
    #expect(h100.peakFlops(for: .f32) == 67e12)
    #expect(h100.peakFlops(for: .bf16) == 989.5e12)
    #expect(h100.peakFlops(for: .f16) == 989.5e12)
    #expect(h100.memoryBytes == 80 * gibibyte)
    #expect(h100.memoryBandwidthBytesPerSecond == 3.35e12)
    #expect(h200.peakFlopsPerSecond == h100.peakFlopsPerSecond)
    #expect(h200.memoryBytes == 141 * gibibyte)
    #expect(h200.memoryBandwidthBytesPerSecond == 4.8e12)
  }

  @Test("a CPU core built from measurements gets the per-core rate and its share of memory")
  func cpuFromMeasurements() {
    let measured = CPUCharacteristics(
      coreCount: 4, f32FlopsPerSecondPerCore: 80e9, memoryBytes: 16 * gibibyte,
      memoryBandwidthBytesPerSecond: 40e9, sharedMemoryBandwidthBytesPerSecond: 12e9,
      sharedMemoryLatencySeconds: 2e-6)
    let core = DeviceProfile.cpu(measured)
    #expect(core.kind == .cpu)
    #expect(core.peakFlops(for: .f32) == 80e9)
    #expect(core.peakFlops(for: .f16) == 80e9)
    #expect(core.peakFlops(for: .bf16) == 80e9)
    #expect(core.memoryBytes == 4 * gibibyte)  // 16 GiB / 4 cores
    #expect(core.memoryBandwidthBytesPerSecond == 10e9)  // 40 GB/s / 4 cores
  }

  @Test("the nominal CPU uses this machine's core count and 100 GFLOP/s per core")
  func nominalCPU() {
    let nominal = CPUCharacteristics.nominal
    #expect(nominal.coreCount == ProcessInfo.processInfo.activeProcessorCount)
    #expect(nominal.f32FlopsPerSecondPerCore == 100e9)
    #expect(DeviceProfile.cpu().memoryBytes > 0)
  }

  @Test("the description names the device, its memory and its rates")
  func description() {
    #expect(
      DeviceProfile.a100SXM40GB.description
        == "a100-40gb (gpu, 40 GiB, 1555 GB/s, f32 19.5 TFLOP/s, f16 312 TFLOP/s)")
  }
}
