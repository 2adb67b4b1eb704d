import ShardlineHardware
import Testing

@Suite("AxisCost collectives")
struct AxisCostTests {
  /// n = 4, α = 10 µs, β = 1 ns/B (1 GB/s).
  private let four = AxisCost(
    deviceCount: 4, latencySeconds: 1e-5, secondsPerByte: 1e-9, crossesHosts: false,
    linkName: "test")

  @Test("all-gather and reduce-scatter cost α + β·(n−1)/n·B")
  func gatherAndScatter() {
    // 1e-5 + 1e-9 · 3/4 · 1e6 = 1e-5 + 7.5e-4 = 7.6e-4 s.
    #expect(isClose(four.time(of: .allGather, bytes: 1e6), 7.6e-4))
    #expect(isClose(four.time(of: .reduceScatter, bytes: 1e6), 7.6e-4))
  }

  @Test("all-reduce costs α + β·2(n−1)/n·B")
  func allReduce() {
    // 1e-5 + 1e-9 · 2·3/4 · 1e6 = 1e-5 + 1.5e-3 = 1.51e-3 s.
    #expect(isClose(four.time(of: .allReduce, bytes: 1e6), 1.51e-3))
  }

  @Test("all-to-all costs α + β·(n−1)/n²·B, times n/2 with Alpa's penalty")
  func allToAll() {
    // Ideal: 1e-5 + 1e-9 · 3/16 · 1e6 = 1e-5 + 1.875e-4 = 1.975e-4 s.
    let ideal = CollectiveOptions(appliesAlpaAllToAllPenalty: false)
    #expect(isClose(four.time(of: .allToAll, bytes: 1e6, options: ideal), 1.975e-4))
    // Alpa: 1e-5 + 1.875e-4 · 4/2 = 1e-5 + 3.75e-4 = 3.85e-4 s; the default.
    #expect(isClose(four.time(of: .allToAll, bytes: 1e6), 3.85e-4))
    #expect(CollectiveOptions().appliesAlpaAllToAllPenalty)
  }

  @Test("send/recv costs α + β·B")
  func sendRecv() {
    // 1e-5 + 1e-9 · 1e6 = 1.01e-3 s.
    #expect(isClose(four.time(of: .sendRecv, bytes: 1e6), 1.01e-3))
  }

  @Test("a one-device group costs nothing", arguments: CollectiveKind.allCases)
  func singleDevice(kind: CollectiveKind) {
    var one = four
    one.deviceCount = 1
    #expect(one.time(of: kind, bytes: 1e9) == 0)
  }

  @Test("moving zero bytes costs nothing", arguments: CollectiveKind.allCases)
  func zeroBytes(kind: CollectiveKind) {
    #expect(four.time(of: kind, bytes: 0) == 0)
  }

  @Test("the description shows n, the link, α and bandwidth")
  func description() {
    #expect(four.description == "n=4 over test: α 10 µs, 1 GB/s")
  }
}
