/// Cluster presets: one host of each kind; ``ClusterSpec/preset(named:hostCount:)`` scales them.
extension ClusterSpec {
  /// The preset names ``preset(named:hostCount:)`` knows.
  public static var presetNames: [String] {
    ["p3.16xlarge", "p4d.24xlarge", "dgx-a100", "dgx-h100", "h200", "cpu"]
  }

  /// The preset called `name` with `hostCount` hosts, or `nil` if there is no such preset.
  ///
  /// - `p3.16xlarge`: 8 × V100-SXM2-16GB on NVLink2 (hybrid cube mesh), one 25 Gb/s NIC per host
  ///   (AWS EC2 P3 instance page) — the Alpa paper's testbed (OSDI 2022, §8).
  /// - `p4d.24xlarge`: 8 × A100-40GB on NVSwitch NVLink3, 4 × 100 Gb/s EFA (AWS EC2 P4d page).
  /// - `dgx-a100`: 8 × A100-80GB on NVSwitch NVLink3, 8 × 200 Gb/s HDR InfiniBand (NVIDIA DGX
  ///   A100 datasheet).
  /// - `dgx-h100`: 8 × H100-SXM on NVSwitch NVLink4, 8 × 400 Gb/s NDR InfiniBand (NVIDIA DGX H100
  ///   datasheet).
  /// - `h200`: 8 × H200 on NVSwitch NVLink4, 8 × 400 Gb/s NDR InfiniBand (NVIDIA HGX H200).
  /// - `cpu`: the local CPU, one device per core, shared memory between cores, built from `cpu`
  ///   (see ``cpu(_:hostCount:devicesPerHost:)``).
  ///
  /// - Parameters:
  ///   - name: A preset name.
  ///   - hostCount: Hosts, at least 1.
  ///   - cpu: What the `cpu` preset is built from: nominal values unless calibrated ones are
  ///     given.
  public static func preset(
    named name: String, hostCount: Int = 1, cpu cpuCharacteristics: CPUCharacteristics = .nominal
  ) -> ClusterSpec? {
    let host: HostProfile
    switch name {
    case "p3.16xlarge":
      host = HostProfile(
        device: .v100SXM2, devicesPerHost: 8, intraHostLink: .nvlink2HybridCubeMesh,
        network: .ethernet25Gbps)
    case "p4d.24xlarge":
      host = HostProfile(
        device: .a100SXM40GB, devicesPerHost: 8, intraHostLink: .nvswitchNVLink3,
        network: .efa4x100Gbps)
    case "dgx-a100":
      host = HostProfile(
        device: .a100SXM80GB, devicesPerHost: 8, intraHostLink: .nvswitchNVLink3,
        network: .infinibandHDR8x200Gbps)
    case "dgx-h100":
      host = HostProfile(
        device: .h100SXM, devicesPerHost: 8, intraHostLink: .nvswitchNVLink4,
        network: .infinibandNDR8x400Gbps)
    case "h200":
      host = HostProfile(
        device: .h200SXM, devicesPerHost: 8, intraHostLink: .nvswitchNVLink4,
        network: .infinibandNDR8x400Gbps)
    case "cpu":
      return cpu(cpuCharacteristics, hostCount: hostCount)
    default:
      return nil
    }
    return ClusterSpec(name: name, host: host, hostCount: hostCount)
  }

  /// A cluster of CPU hosts like this one, devices linked by shared memory within a host.
  ///
  /// By default each host has one device per core, so every device thread has a core to itself.
  /// More devices per host than cores are time-shared, and each device is priced at its share
  /// of the cores (see ``DeviceProfile/cpu(_:devicesPerHost:)``). Several hosts describe several
  /// machines like this one on a 10 Gb/s network; running such a plan on this one machine
  /// time-shares all of its devices, which the estimate does not assume.
  ///
  /// - Parameters:
  ///   - cpu: Nominal values by default; pass measured ones after calibration.
  ///   - hostCount: Hosts; 1 unless simulating several.
  ///   - devicesPerHost: Device threads per host; the core count when `nil`.
  public static func cpu(
    _ cpu: CPUCharacteristics = .nominal, hostCount: Int = 1, devicesPerHost: Int? = nil
  ) -> ClusterSpec {
    let devices = devicesPerHost ?? cpu.coreCount
    let host = HostProfile(
      device: .cpu(cpu, devicesPerHost: devices), devicesPerHost: devices,
      intraHostLink: .sharedMemory(cpu), network: .ethernet10Gbps)
    return ClusterSpec(name: "cpu", host: host, hostCount: hostCount)
  }
}
