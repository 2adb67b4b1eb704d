import Foundation
import ShardlineHardware
import Testing

@Suite("HostProfile")
struct HostProfileTests {
  @Test("each device's network share is NICs × NIC bandwidth / devices per host")
  func networkShare() throws {
    let p3 = try #require(ClusterSpec.preset(named: "p3.16xlarge")).host
    #expect(p3.networkBandwidthPerDeviceBytesPerSecond == 3.125e9 / 8)  // 1 × 25 Gb/s over 8 GPUs
    let p4d = try #require(ClusterSpec.preset(named: "p4d.24xlarge")).host
    #expect(p4d.networkBandwidthPerDeviceBytesPerSecond == 6.25e9)  // 4 × 12.5 GB/s / 8
  }

  @Test("a host's device may be given in JSON as a preset name")
  func devicePresetName() throws {
    let json = """
      {
        "device": "h100-sxm",
        "devicesPerHost": 4,
        "intraHostLink": { "name": "NVSwitch NVLink4", "bandwidthBytesPerSecond": 450e9,
                           "latencySeconds": 5e-6 },
        "network": { "name": "400 Gb/s NDR InfiniBand", "nicCount": 4,
                     "nicBandwidthBytesPerSecond": 50e9, "latencySeconds": 5e-6 }
      }
      """
    let host = try JSONDecoder().decode(HostProfile.self, from: Data(json.utf8))
    #expect(host.device == .h100SXM)
    #expect(host.devicesPerHost == 4)
  }

  @Test("a group inside one host uses the intra-host link")
  func groupInsideHost() throws {
    let host = try #require(ClusterSpec.preset(named: "dgx-a100")).host
    let cost = host.groupCost(deviceCount: 8, hostsSpanned: 1, maxDevicesOnOneHost: 8)
    #expect(!cost.crossesHosts)
    #expect(isClose(cost.bandwidthBytesPerSecond, 300e9))
    #expect(cost.latencySeconds == 5e-6)
  }

  @Test("a group across hosts is bounded by the slower of the network share and the host link")
  func groupAcrossHosts() {
    let slowLink = HostProfile(
      device: .a100SXM40GB, devicesPerHost: 2,
      intraHostLink: LinkProfile(name: "slow", bandwidthBytesPerSecond: 1e9, latencySeconds: 1e-6),
      network: NetworkProfile(
        name: "fast", nicCount: 2, nicBandwidthBytesPerSecond: 10e9, latencySeconds: 3e-6))
    // Network share 2 × 10 GB/s / 2 = 10 GB/s; the host link (1 GB/s) is slower.
    let mixed = slowLink.groupCost(deviceCount: 4, hostsSpanned: 2, maxDevicesOnOneHost: 2)
    #expect(isClose(mixed.bandwidthBytesPerSecond, 1e9))
    #expect(mixed.linkName == "slow")
    #expect(mixed.latencySeconds == 3e-6)
    // One device per host: only the network is used.
    let spread = slowLink.groupCost(deviceCount: 2, hostsSpanned: 2, maxDevicesOnOneHost: 1)
    #expect(isClose(spread.bandwidthBytesPerSecond, 10e9))
    #expect(spread.crossesHosts)
  }
}
