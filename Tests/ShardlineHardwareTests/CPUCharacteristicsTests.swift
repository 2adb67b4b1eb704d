import Foundation
import ShardlineHardware
import Testing

@Suite("CPU characteristics: the calibrated profile and the cpu presets built from it")
struct CPUCharacteristicsTests {
  /// Two cores as a calibration might have measured them.
  private let measured = CPUCharacteristics(
    coreCount: 2, f32FlopsPerSecondPerCore: 60e9, memoryBytes: 8 << 30,
    memoryBandwidthBytesPerSecond: 12e9, sharedMemoryBandwidthBytesPerSecond: 3e9,
    sharedMemoryLatencySeconds: 40e-6, perOpOverheadSeconds: 7e-6, matmulHalfEfficiencyFlops: 3e4,
    elementsPerSecondPerCore: ["tanh": 2e8, "reduce_max": 4e8], lastLevelCacheBytes: 32 << 20)

  /// A fresh path under the system's temporary directory.
  private func temporaryFile(_ name: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-cpu-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
  }

  @Test("the JSON file round-trips every field")
  func roundTrip() throws {
    let path = try temporaryFile("cpu.json")
    try measured.jsonData().write(to: URL(fileURLWithPath: path))
    #expect(try CPUCharacteristics.load(contentsOf: path) == measured)
  }

  @Test(
    "a file that cannot describe a machine is refused with the key at fault",
    arguments: [
      (#"{"coreCount": 2}"#, "missing key 'f32FlopsPerSecondPerCore'"),
      ("not json", "not valid JSON"),
      (
        #"{"coreCount": 0, "f32FlopsPerSecondPerCore": 1e9, "memoryBytes": 1,"#
          + #" "memoryBandwidthBytesPerSecond": 1e9, "sharedMemoryBandwidthBytesPerSecond": 1e9,"#
          + #" "sharedMemoryLatencySeconds": 1e-6}"#,
        "coreCount is 0 but must be at least 1"
      ),
      (
        #"{"coreCount": 2, "f32FlopsPerSecondPerCore": -1, "memoryBytes": 1,"#
          + #" "memoryBandwidthBytesPerSecond": 1e9, "sharedMemoryBandwidthBytesPerSecond": 1e9,"#
          + #" "sharedMemoryLatencySeconds": 1e-6}"#,
        "f32FlopsPerSecondPerCore is -1.0 but must be a positive number"
      ),
      (
        #"{"coreCount": 2, "f32FlopsPerSecondPerCore": 1e9, "memoryBytes": 1,"#
          + #" "memoryBandwidthBytesPerSecond": 1e9, "sharedMemoryBandwidthBytesPerSecond": 1e9,"#
          + #" "sharedMemoryLatencySeconds": 1e-6, "elementsPerSecondPerCore": {"tanh": 0}}"#,
        "elementsPerSecondPerCore.tanh is 0.0 but must be a positive number"
      ),
    ])
  func refusesBadFiles(text: String, reason: String) throws {
    let path = try temporaryFile("cpu.json")
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: HardwareError.unusableCPUProfile(path: path, reason: reason)) {
      try CPUCharacteristics.load(contentsOf: path)
    }
  }

  @Test("the cpu cluster preset is built from the characteristics it is given")
  func clusterPresetUsesProfile() throws {
    let cluster = try ClusterSpec.parse("cpu", cpu: measured)
    #expect(cluster.deviceCount == 2)
    #expect(cluster.host.device.peakFlops(for: .f32) == 60e9)
    #expect(cluster.host.device.memoryBandwidthBytesPerSecond == 6e9)  // 12 GB/s over 2 cores
    #expect(cluster.host.device.perOpOverheadSeconds == 7e-6)
    #expect(cluster.host.device.matmulHalfEfficiencyFlops == 3e4)
    #expect(cluster.host.intraHostLink.bandwidthBytesPerSecond == 3e9)
    #expect(cluster.host.intraHostLink.latencySeconds == 40e-6)
    #expect(try ClusterSpec.parse("cpu").host.device.perOpOverheadSeconds == nil)
  }

  @Test("more devices than cores time-share them: each gets cores/devices of a core")
  func timeSharedDevices() {
    let eight = DeviceProfile.cpu(measured, devicesPerHost: 8)
    #expect(eight.peakFlops(for: .f32) == 15e9)  // 60 GFLOP/s × 2 cores / 8 devices
    #expect(eight.memoryBandwidthBytesPerSecond == 1.5e9)  // 12 GB/s / 8
    #expect(eight.memoryBytes == 1 << 30)  // 8 GiB / 8
    #expect(eight.elementsPerSecondByOpKind == ["tanh": 5e7, "reduce_max": 1e8])  // × 2 / 8
    #expect(eight.cacheBytes == 4 << 20)  // 32 MiB / 8 devices
    let one = DeviceProfile.cpu(measured, devicesPerHost: 1)
    #expect(one.peakFlops(for: .f32) == 60e9)
    #expect(ClusterSpec.cpu(measured, devicesPerHost: 8).host.device == eight)
  }

  @Test("a cluster file naming the cpu device builds it from the profile and its device count")
  func clusterFileWithCPUDevice() throws {
    let path = try temporaryFile("cluster.json")
    let text = """
      {"name": "cpu-8", "hostCount": 1, "host": {"device": "cpu", "devicesPerHost": 8,
        "intraHostLink": {"name": "shared memory", "bandwidthBytesPerSecond": 3e9,
                          "latencySeconds": 4e-5},
        "network": {"name": "none", "nicCount": 1, "nicBandwidthBytesPerSecond": 1e9,
                    "latencySeconds": 1e-5}}}
      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let cluster = try ClusterSpec.parse(path, cpu: measured)
    #expect(cluster.host.device == DeviceProfile.cpu(measured, devicesPerHost: 8))
  }
}
