import ShardlineHardware
import ShardlineIR
import ShardlineSharding
import Testing

@testable import ShardlinePlan

extension CrossMeshReshardingTests {
  @Test("a destination replicated on one host receives 1/8 each and all-gathers over NVLink")
  func localAllGatherWins() {
    // Alpa §8.5 (Wide-ResNet): columns split over host 0's 8 devices → replicated on host 1's.
    let transfer = CrossMeshResharding.transfer(
      Self.type, from: Self.placement(0...7, 1, 8, "RS1"), to: Self.placement(8...15, 1, 8, "RR"),
      on: Self.cluster(hosts: 2))
    let direct = CrossMeshResharding.alternatives(
      Self.type, from: Self.placement(0...7, 1, 8, "RS1"), to: Self.placement(8...15, 1, 8, "RR"),
      on: Self.cluster(hosts: 2))[0]
    // Direct: each sender sends its 524,288 B block to all 8 receivers, each message on one NIC:
    // 8 × 50 µs + 8 × 524,288 / 3.125e9 = 0.4 ms + 1.342 ms = 1.742 ms per device queue; but the
    // 32 MiB in 64 messages all leave through host 0's one NIC: 32 MiB / 3.125e9 = 10.737 ms.
    #expect(!direct.usesLocalAllGather)
    #expect(direct.bytes == 8 * Self.bytes && direct.messageCount == 64)
    #expect(Self.isClose(direct.seconds, 8 * Self.bytes / Self.hostBandwidth))
    // All-gather: each receiver gets 1/8 of each block (65,536 B), so each device sends and
    // receives 8 × 65,536 B: 0.4 ms + 0.168 ms = 0.568 ms per queue; host 0's NIC carries 4 MiB,
    // 1.342 ms, which bounds the sends. Then an all-gather of the 4 MiB tile over the 8 devices
    // of host 1: 5 µs + 7/8 · 4 MiB / 130 GB/s = 33.2 µs.
    let allGather = Self.intraAlpha + 7.0 / 8 * Self.bytes * Self.intraBeta
    #expect(transfer.usesLocalAllGather && transfer.allGatherAxes == [1])
    #expect(transfer.bytes == Self.bytes && transfer.messageCount == 64)
    #expect(Self.isClose(transfer.allGatherSeconds, allGather))
    #expect(Self.isClose(transfer.seconds, Self.bytes / Self.hostBandwidth + allGather))
    // Both plans are bound by the host's network, so the all-gather saves the 8× in bytes that
    // cross it: 1.375 ms against 10.737 ms, more than the ~2× end to end Alpa measured, as
    // expected for the transfer alone.
    #expect(transfer.seconds * 6 < direct.seconds)
  }

  @Test("with several NICs per host each message runs at one NIC and the all-gather still wins")
  func localAllGatherWinsWithSeveralNICs() throws {
    // The same move on p4d.24xlarge: 4 × 100 Gb/s EFA per host, so one message gets one NIC,
    // 12.5e9 B/s at α = 15 µs, and the host 4 × 12.5e9 = 50e9 B/s; NVLink3 is 300 GB/s at 5 µs.
    let cluster = try #require(ClusterSpec.preset(named: "p4d.24xlarge", hostCount: 2))
    let (alpha, nic, host) = (15e-6, 12.5e9, 50e9)
    let source = Self.placement(0...7, 1, 8, "RS1")
    let destination = Self.placement(8...15, 1, 8, "RR")
    let plans = CrossMeshResharding.alternatives(
      Self.type, from: source, to: destination, on: cluster)
    #expect(plans.map(\.allGatherAxes) == [[], [1]])
    // Direct: devices 8 × 15 µs + 8 × 524,288 / 12.5e9 = 0.120 + 0.336 = 0.456 ms; host 0 sends
    // 32 MiB / 50e9 = 0.671 ms, which bounds it.
    #expect(Self.isClose(plans[0].seconds, 8 * Self.bytes / host))
    // All-gather: devices 8 × 15 µs + 8 × 65,536 / 12.5e9 = 0.120 + 0.042 = 0.162 ms, now above
    // host 0's 4 MiB / 50e9 = 0.084 ms (at the host's 50e9 per message it would be 0.130 ms, at
    // the old per-device share 6.25e9, 0.204 ms); then 5 µs + 7/8 · 4 MiB / 300e9 = 17.2 µs.
    let allGather = 5e-6 + 7.0 / 8 * Self.bytes / 300e9
    #expect(Self.isClose(plans[1].allGatherSeconds, allGather))
    #expect(Self.isClose(plans[1].seconds, 8 * alpha + Self.bytes / 8 / nic + allGather))
    // 0.179 ms against 0.671 ms.
    let transfer = CrossMeshResharding.transfer(
      Self.type, from: source, to: destination, on: cluster)
    #expect(transfer == plans[1])
    #expect(transfer.seconds * 3 < plans[0].seconds)
  }

  @Test("the all-gather is skipped when latency outweighs the bytes it saves")
  func localAllGatherLoses() {
    // f32[32,32] = 4,096 B from d0 to d1 and d2, replicated.
    let type = TensorType([32, 32], .f32)
    let source = Self.placement(0...0, 1, 1, "RR")
    let destination = Self.placement(1...2, 1, 2, "RR")
    let plans = CrossMeshResharding.alternatives(
      type, from: source, to: destination, on: Self.cluster(hosts: 1))
    // Direct: d0 sends 2 × 4,096 B: 2 × 5 µs + 8,192 B / 130 GB/s = 10.06 µs.
    // All-gather over axis 1: d0 sends 2 × 2,048 B (10.03 µs), then 5 µs + 1/2 · 4,096 B ·
    // β = 5.02 µs: 15.05 µs.
    #expect(plans.map(\.allGatherAxes) == [[], [1]])
    #expect(Self.isClose(plans[0].seconds, 2 * Self.intraAlpha + 8192 * Self.intraBeta))
    #expect(
      Self.isClose(
        plans[1].seconds, 3 * Self.intraAlpha + 4096 * Self.intraBeta + 2048 * Self.intraBeta))
    let transfer = CrossMeshResharding.transfer(
      type, from: source, to: destination, on: Self.cluster(hosts: 1))
    #expect(transfer == plans[0])
  }

  @Test("a destination spanning two hosts all-gathers inside each host, not across them")
  func localAllGatherStaysOnHost() {
    // Host 0's columns → replicated on hosts 1 and 2 (a 2×8 mesh). Per sender, 16 messages, each
    // on one NIC (α = 50 µs, 3.125e9 B/s); host 0's one NIC carries all 16 × 4 MiB / g bytes of
    // an all-gather over groups of g (g = 1: direct), which bounds every plan's sends. An
    // all-gather across hosts runs at each device's share of its host's NIC, 3.125e9 / 8 B/s:
    // - direct: devices 16 × (50 µs + 524,288 / 3.125e9) = 3.48 ms; host 0: 64 MiB / 3.125e9
    //   = 21.47 ms;
    // - over axis 1 (8 devices of a host): devices 0.8 ms + 16 × 65,536 / 3.125e9 = 1.14 ms;
    //   host 0: 8 MiB / 3.125e9 = 2.68 ms; + 33.2 µs over NVLink = 2.72 ms;
    // - over axis 0 (2 hosts): host 0: 32 MiB / 3.125e9 = 10.74 ms; + 50 µs + 1/2 · 4 MiB · 8 /
    //   3.125e9 = 5.42 ms: 16.16 ms;
    // - over both (16 devices, network-bound): host 0: 4 MiB / 3.125e9 = 1.34 ms; + 50 µs +
    //   15/16 · 4 MiB · 8 / 3.125e9 = 10.12 ms: 11.46 ms.
    let source = Self.placement(0...7, 1, 8, "RS1")
    let destination = Self.placement(8...23, 2, 8, "RR")
    let cluster = Self.cluster(hosts: 3)
    let plans = CrossMeshResharding.alternatives(
      Self.type, from: source, to: destination, on: cluster)
    #expect(plans.map(\.allGatherAxes) == [[], [0], [1], [0, 1]])
    let allGather = Self.intraAlpha + 7.0 / 8 * Self.bytes * Self.intraBeta
    #expect(Self.isClose(plans[2].seconds, 16 * 524_288 / Self.hostBandwidth + allGather))
    let transfer = CrossMeshResharding.transfer(
      Self.type, from: source, to: destination, on: cluster)
    #expect(transfer == plans[2])
    #expect(plans.allSatisfy { $0.seconds >= transfer.seconds })
  }
}
