import Foundation
import ShardlineHardware
import ShardlineIR
import Testing

@testable import ShardlineRuntime

@Suite("Calibration: α-β fitting and the measurements of a quick run")
struct CalibrationTests {
  /// A sample of `kind` on `devices` devices whose time is exactly α + β·volume.
  private func exact(
    _ kind: String, devices: Int = 2, volume: Double, alpha: Double, beta: Double
  ) -> CommunicationSample {
    CommunicationSample(
      kind: kind, devices: devices, bytes: volume, volume: volume, seconds: alpha + beta * volume)
  }

  @Test("α and β are recovered exactly from noiseless samples")
  func exactFit() throws {
    // α = 20 µs, β = 1/(4 GB/s) = 2.5e-10 s/B.
    let samples = [4e3, 6.4e4, 1e6, 4e6].map {
      exact("allReduce", volume: $0, alpha: 20e-6, beta: 2.5e-10)
    }
    let fit = try #require(AlphaBetaFit.fit(samples))
    #expect(abs(fit.latencySeconds - 20e-6) < 1e-12)
    #expect(abs(fit.bandwidthBytesPerSecond - 4e9) / 4e9 < 1e-9)
    #expect(fit.medianRelativeError < 1e-9)
  }

  @Test("relative weighting fits small messages as well as large ones")
  func relativeWeighting() throws {
    // Exact at 1 KB (10 µs + 1 µs) and 1 GB (10 µs + 1 s); a 10 % slow sample at 1 MB.
    let beta = 1e-9
    var samples = [1e3, 1e9].map { exact("allGather", volume: $0, alpha: 10e-6, beta: beta) }
    samples.append(
      CommunicationSample(
        kind: "allGather", devices: 2, bytes: 1e6, volume: 1e6, seconds: 1.1 * (10e-6 + 1e-3)))
    let fit = try #require(AlphaBetaFit.fit(samples))
    // An unweighted fit would give the 1 KB sample an error of several hundred percent.
    let small = abs(fit.latencySeconds + fit.secondsPerByte * 1e3 - 11e-6) / 11e-6
    #expect(small < 0.1)
  }

  @Test("a negative intercept is clamped to α = 0 with β refitted through the origin")
  func clampsNegativeLatency() throws {
    // t = 1e-9·x − 5 µs at x = 1e5 and 1e6 would need α < 0.
    let samples = [1e5, 1e6].map { exact("sendRecv", volume: $0, alpha: -5e-6, beta: 1e-9) }
    let fit = try #require(AlphaBetaFit.fit(samples))
    #expect(fit.latencySeconds == 0)
    #expect(fit.secondsPerByte > 0)
  }

  @Test("one volume, or times that fall as volume grows, give no fit")
  func noFit() {
    #expect(AlphaBetaFit.fit([exact("allReduce", volume: 1e3, alpha: 1e-6, beta: 1e-9)]) == nil)
    let falling = [
      CommunicationSample(kind: "allReduce", devices: 2, bytes: 1e3, volume: 1e3, seconds: 2e-3),
      CommunicationSample(kind: "allReduce", devices: 2, bytes: 1e6, volume: 1e6, seconds: 1e-3),
    ]
    #expect(AlphaBetaFit.fit(falling) == nil)
  }

  @Test("a quick calibration measures every probe and draws a usable profile from it")
  func quickCalibration() throws {
    let options = CalibrationOptions.quick
    var steps: [String] = []
    let graph = try Self.tanhStep()
    let report = try Calibrator.run(
      options, workloads: [CalibrationWorkload(name: "tanh", graph: graph)]
    ) { steps.append($0) }
    #expect(report.matmul.map(\.threads) == options.threadCounts)
    #expect(report.matmulBySize.map(\.size) == [8, 16, 32])
    #expect(report.elementwise.count == 2 * options.threadCounts.count)
    // Every op kind of the workload but its product gets a rate, and the profile keeps it.
    #expect(report.opKinds.map(\.kind) == ["reduce_sum", "tanh"])
    #expect(report.opKinds.allSatisfy { $0.ops == 1 && $0.seconds > 0 })
    #expect(report.opKinds.map(\.elements) == [64 + 1, 2 * 64])
    // 4 collectives × 1 group size × 2 sizes, then send/recv at 2 sizes.
    #expect(report.communication.count == 10)
    #expect(report.communication.allSatisfy { $0.seconds > 0 && $0.volume > 0 })
    let allReduce = try #require(report.communication.first { $0.kind == "allReduce" })
    #expect(allReduce.volume == allReduce.bytes)  // 2(n−1)/n = 1 for n = 2
    let gather = try #require(report.communication.first { $0.kind == "allGather" })
    #expect(gather.bytes == 512 && gather.volume == 256)  // B = 2 devices × 256 B; (n−1)/n·B
    #expect(steps.contains("per-op overhead"))
    let cpu = report.characteristics
    #expect(cpu.coreCount == options.cores)
    #expect(cpu.f32FlopsPerSecondPerCore > 0 && cpu.memoryBandwidthBytesPerSecond > 0)
    #expect(cpu.perOpOverheadSeconds == report.overhead.secondsPerPair)
    #expect(cpu.elementsPerSecondPerCore?.keys.sorted() == ["reduce_sum", "tanh"])
  }

  /// `sum(tanh(x · w))` for an 8×8 `x` and `w`: one product, one tanh, one reduction.
  private static func tanhStep() throws -> Graph {
    let b = GraphBuilder(name: "tanh")
    let x = try b.input("x", TensorType([8, 8], .f32))
    let w = try b.input("w", TensorType([8, 8], .f32), role: .parameter)
    let y = try b.unary(.tanh, try b.matmul(x, w))
    b.output(try b.sum(y, dimensions: [0, 1]), role: .loss)
    return b.build()
  }

  @Test("the matmul line's slope and intercept become the peak and the half-efficiency point")
  func matmulCurve() throws {
    // time − overhead = (F + h)/(P·e): P = 50 GFLOP/s, e = 0.9 (the CPU default), h = 4·10⁴.
    let (peak, half) = (50e9, 4e4)
    let points = [1e5, 1e7, 1e9].map { (volume: $0, seconds: ($0 + half) / (peak * 0.9)) }
    let fit = try #require(AlphaBetaFit.fit(points: points))
    #expect(abs(fit.bandwidthBytesPerSecond / 0.9 - peak) / peak < 1e-9)
    #expect(abs(fit.latencySeconds * fit.bandwidthBytesPerSecond - half) / half < 1e-6)
  }
}

@Suite("The host's cache sizes, from sysfs")
struct HostCacheTests {
  @Test("sysfs sizes read as bytes")
  func sizes() {
    #expect(HostCache.bytes("32768K") == 32 << 20)
    #expect(HostCache.bytes("1M") == 1 << 20)
    #expect(HostCache.bytes("512") == 512)
    #expect(HostCache.bytes("") == nil && HostCache.bytes("xK") == nil)
  }

  @Test("the last level is the highest data or unified cache")
  func lastLevel() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-cache-\(UUID().uuidString)").path
    for (index, level, type, size) in [
      (0, "1", "Data", "32K"), (1, "1", "Instruction", "32K"), (2, "2", "Unified", "1024K"),
      (3, "3", "Unified", "32768K"),
    ] {
      let directory = "\(root)/index\(index)"
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
      for (name, value) in [("level", level), ("type", type), ("size", size)] {
        try Data((value + "\n").utf8).write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
      }
    }
    #expect(HostCache.lastLevelBytes(root: root) == 32 << 20)
    #expect(HostCache.lastLevelBytes(root: root + "/missing") == nil)
  }
}
