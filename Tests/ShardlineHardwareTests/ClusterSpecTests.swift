import ShardlineHardware
import Testing

@Suite("ClusterSpec")
struct ClusterSpecTests {
  @Test(
    "every preset name resolves to a valid one-host cluster of that name",
    arguments: ClusterSpec.presetNames)
  func presetsResolve(name: String) throws {
    let cluster = try #require(ClusterSpec.preset(named: name))
    #expect(cluster.name == name)
    #expect(cluster.hostCount == 1)
    try cluster.validate()
  }

  @Test("p3.16xlarge is the Alpa testbed: 8 V100s on NVLink2, one 25 Gb/s NIC per host")
  func p3() throws {
    let cluster = try #require(ClusterSpec.preset(named: "p3.16xlarge", hostCount: 8))
    #expect(cluster.deviceCount == 64)
    #expect(cluster.host.device == .v100SXM2)
    #expect(cluster.host.devicesPerHost == 8)
    #expect(cluster.host.intraHostLink.name == "NVLink2 (hybrid cube mesh)")
    #expect(cluster.host.intraHostLink.bandwidthBytesPerSecond == 130e9)
    #expect(cluster.host.network.hostBandwidthBytesPerSecond == 3.125e9)  // 25e9 bits / 8
  }

  @Test("the A100 and H100 presets have the stated links and networks")
  func switchedPresets() throws {
    let p4d = try #require(ClusterSpec.preset(named: "p4d.24xlarge")).host
    #expect(p4d.device == .a100SXM40GB)
    #expect(p4d.intraHostLink.bandwidthBytesPerSecond == 300e9)
    #expect(p4d.network.nicCount == 4)
    #expect(p4d.network.nicBandwidthBytesPerSecond == 12.5e9)  // 100 Gb/s

    let dgxA100 = try #require(ClusterSpec.preset(named: "dgx-a100")).host
    #expect(dgxA100.device == .a100SXM80GB)
    #expect(dgxA100.intraHostLink.name == "NVSwitch NVLink3")
    #expect(dgxA100.network.nicCount == 8)
    #expect(dgxA100.network.nicBandwidthBytesPerSecond == 25e9)  // 200 Gb/s

    let dgxH100 = try #require(ClusterSpec.preset(named: "dgx-h100")).host
    #expect(dgxH100.device == .h100SXM)
    #expect(dgxH100.intraHostLink.bandwidthBytesPerSecond == 450e9)
    #expect(dgxH100.network.nicCount == 8)
    #expect(dgxH100.network.nicBandwidthBytesPerSecond == 50e9)  // 400 Gb/s

    let h200 = try #require(ClusterSpec.preset(named: "h200")).host
    #expect(h200.device == .h200SXM)
    #expect(h200.intraHostLink == .nvswitchNVLink4)
    #expect(h200.network == .infinibandNDR8x400Gbps)
  }

  @Test("the cpu preset has one device per active core on shared memory")
  func cpu() throws {
    let cluster = try #require(ClusterSpec.preset(named: "cpu"))
    #expect(cluster.host.devicesPerHost == CPUCharacteristics.nominal.coreCount)
    #expect(cluster.host.device.kind == .cpu)
    #expect(cluster.host.intraHostLink.name == "shared memory")
    #expect(cluster.host.intraHostLink.bandwidthBytesPerSecond == 10e9)
    #expect(cluster.host.intraHostLink.latencySeconds == 5e-6)
  }

  @Test("validation names the first impossible field")
  func validation() throws {
    var cluster = try #require(ClusterSpec.preset(named: "dgx-a100"))
    cluster.host.device.memoryBytes = 0
    #expect(
      throws: HardwareError.invalidValue(
        field: "host.device.memoryBytes", value: "0", requirement: "must be at least 1")
    ) {
      try cluster.validate()
    }
    cluster = try #require(ClusterSpec.preset(named: "dgx-a100"))
    cluster.host.network.nicBandwidthBytesPerSecond = -1
    #expect(
      throws: HardwareError.invalidValue(
        field: "host.network.nicBandwidthBytesPerSecond", value: "-1.0",
        requirement: "must be positive and finite")
    ) {
      try cluster.validate()
    }
    cluster = try #require(ClusterSpec.preset(named: "dgx-a100"))
    cluster.host.intraHostLink.latencySeconds = -.infinity
    #expect(throws: HardwareError.self) { try cluster.validate() }
  }

  @Test("a transfer is free on one device, on the host link within a host, on the network across")
  func pointToPoint() throws {
    let cluster = try #require(ClusterSpec.preset(named: "p3.16xlarge", hostCount: 2))
    let same = cluster.pointToPointCost(from: DeviceID(3), to: DeviceID(3))
    #expect(same.time(of: .sendRecv, bytes: 1e9) == 0)
    let withinHost = cluster.pointToPointCost(from: DeviceID(0), to: DeviceID(7))
    #expect(!withinHost.crossesHosts)
    #expect(isClose(withinHost.bandwidthBytesPerSecond, 130e9))
    // Across hosts one message gets one NIC, not the sender's 1/8 share of the host's network:
    // p3.16xlarge has a single 25 Gb/s NIC, 25e9 / 8 = 3.125e9 B/s, at 50 µs.
    let acrossHosts = cluster.pointToPointCost(from: DeviceID(7), to: DeviceID(8))
    #expect(acrossHosts.crossesHosts)
    #expect(isClose(acrossHosts.bandwidthBytesPerSecond, 3.125e9))
    #expect(acrossHosts.latencySeconds == 50e-6)
    // p4d.24xlarge has 4 × 100 Gb/s EFA: one message gets one NIC, 100e9 / 8 = 12.5e9 B/s, neither
    // the host's 4 × 12.5e9 = 50e9 B/s nor a device's share of it, 50e9 / 8 = 6.25e9 B/s.
    let p4d = try #require(ClusterSpec.preset(named: "p4d.24xlarge", hostCount: 2))
    let efa = p4d.pointToPointCost(from: DeviceID(0), to: DeviceID(15))
    #expect(efa.crossesHosts)
    #expect(isClose(efa.bandwidthBytesPerSecond, 12.5e9))
    #expect(efa.latencySeconds == 15e-6)
  }

  @Test("the description names hosts, devices and links")
  func description() throws {
    let cluster = try #require(ClusterSpec.preset(named: "p4d.24xlarge", hostCount: 2))
    #expect(
      cluster.description
        == "p4d.24xlarge × 2 (16 devices): 8 × a100-40gb, NVSwitch NVLink3 (300 GB/s, 5 µs), "
        + "4 × 100 Gb/s EFA (15 µs)")
  }
}
