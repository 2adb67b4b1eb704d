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
    // Direct: each sender sends its 524,288 B block to all 8 receivers:
    // 8 × 50 µs + 8 × 524,288 · 8 / 3.125e9 = 0.4 ms + 10.737 ms; 32 MiB in 64 messages.
    #expect(!direct.usesLocalAllGather)
    #expect(direct.bytes == 8 * Self.bytes && direct.messageCount == 64)
    #expect(Self.isClose(direct.seconds, 8 * Self.interAlpha + Self.bytes * Self.interBeta))
    // All-gather: each receiver gets 1/8 of each block (65,536 B), so each device sends and
    // receives 8 × 65,536 B: 0.4 ms + 1.342 ms; then an all-gather of the 4 MiB tile over the
    // 8 devices of host 1: 5 µs + 7/8 · 4 MiB / 130 GB/s = 33.2 µs.
    let allGather = Self.intraAlpha + 7.0 / 8 * Self.bytes * Self.intraBeta
    #expect(transfer.usesLocalAllGather && transfer.allGatherAxes == [1])
    #expect(transfer.bytes == Self.bytes && transfer.messageCount == 64)
    #expect(Self.isClose(transfer.allGatherSeconds, allGather))
    #expect(
      Self.isClose(
        transfer.seconds, 8 * Self.interAlpha + Self.bytes / 8 * Self.interBeta + allGather))
    // 1.775 ms against 11.137 ms: more than the ~2× end to end Alpa measured, as expected for the
    // transfer alone.
    #expect(transfer.seconds * 6 < direct.seconds)
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
    // Host 0's columns → replicated on hosts 1 and 2 (a 2×8 mesh). Per sender, 16 messages:
    // - direct: 16 × 50 µs + 16 × 524,288 · 8 / 3.125e9 = 22.27 ms;
    // - over axis 1 (8 devices of a host): 0.8 ms + 16 × 65,536 · 8 / 3.125e9 + 33.2 µs = 3.52 ms;
    // - over axis 0 (2 hosts): 0.8 ms + 10.74 ms + 50 µs + 1/2 · 4 MiB · 8 / 3.125e9 = 16.96 ms;
    // - over both (16 devices, network-bound): 0.8 ms + 1.34 ms + 50 µs + 15/16 · 10.74 ms
    //   = 12.26 ms.
    let source = Self.placement(0...7, 1, 8, "RS1")
    let destination = Self.placement(8...23, 2, 8, "RR")
    let cluster = Self.cluster(hosts: 3)
    let plans = CrossMeshResharding.alternatives(
      Self.type, from: source, to: destination, on: cluster)
    #expect(plans.map(\.allGatherAxes) == [[], [0], [1], [0, 1]])
    let allGather = Self.intraAlpha + 7.0 / 8 * Self.bytes * Self.intraBeta
    #expect(
      Self.isClose(
        plans[2].seconds, 16 * Self.interAlpha + 16 * 65_536 * Self.interBeta + allGather))
    let transfer = CrossMeshResharding.transfer(
      Self.type, from: source, to: destination, on: cluster)
    #expect(transfer == plans[2])
    #expect(plans.allSatisfy { $0.seconds >= transfer.seconds })
  }
}
