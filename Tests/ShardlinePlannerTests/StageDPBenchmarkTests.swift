import Foundation
import ShardlineHardware
import ShardlinePlanner
import Testing

// THROWAWAY benchmark; delete before handing back.
@Suite("StageDPBenchmark")
struct StageDPBenchmarkTests {
  static func gpt3(
    layers: Int, mesh: PhysicalMesh, microbatches: Int, ratio: Double, aligned: Bool,
    maxLength: Int = .max, memory: Double = 80e9
  ) -> StageDPProblem {
    let shapes = mesh.submeshShapes
    let total = Double(mesh.deviceCount)
    return StageDPProblem(
      layerCount: layers, mesh: mesh, microbatches: microbatches, deviceMemoryBytes: memory
    ) { range, submesh in
      let count = range.count
      if count > maxLength { return nil }
      if aligned {
        guard layers % count == 0, range.lowerBound % count == 0 else { return nil }
      }
      let devices = Double(shapes[submesh].deviceCount)
      let share = devices / total * Double(layers)
      guard share <= ratio * Double(count), Double(count) <= ratio * share else { return nil }
      let c = Double(count)
      // Deterministic pseudo-noise so latencies are mostly distinct.
      let h = Double((range.lowerBound * 7919 + range.upperBound * 104729 + submesh * 1299709) % 1000) / 1000
      return StageCandidate(
        latencySeconds: c * 0.5 / devices * (1 + 0.03 * log2(devices)) * (1 + 0.05 * h),
        fixedBytes: c * 29e9 / devices,
        activationBytes: c * 3e9 / devices)
    }
  }

  func measure(_ name: String, _ problem: StageDPProblem) {
    let start = Date()
    let solution = StageDP.solve(problem)
    let seconds = Date().timeIntervalSince(start)
    print(
      "BENCH \(name): \(String(format: "%.3f", seconds)) s, candidates \(solution?.candidateCount ?? -1), "
        + "distinct \(solution?.distinctLatencyCount ?? -1), tried \(solution?.tMaxCandidatesTried ?? -1), "
        + "stages \(solution?.stages.count ?? -1), T \(solution?.iterationSeconds ?? -1)")
    if let solution {
      print("  " + solution.stages.map { "\($0.layers.count)L/\($0.devices.count)d" }.joined(separator: " "))
    }
  }

  @Test("bench", .enabled(if: ProcessInfo.processInfo.environment["SHARDLINE_BENCH"] != nil))
  func bench() {
    let big = PhysicalMesh(hostCount: 128, devicesPerHost: 8)
    measure("gpt3 aligned 2x", Self.gpt3(layers: 96, mesh: big, microbatches: 64, ratio: 2, aligned: true))
    measure("gpt3 aligned 4x", Self.gpt3(layers: 96, mesh: big, microbatches: 64, ratio: 4, aligned: true))
    measure("gpt3 len<=4 2x", Self.gpt3(layers: 96, mesh: big, microbatches: 64, ratio: 2, aligned: false, maxLength: 4))
    measure("gpt3 len<=12 4x", Self.gpt3(layers: 96, mesh: big, microbatches: 64, ratio: 4, aligned: false, maxLength: 12))
    measure("gpt3 all 4x", Self.gpt3(layers: 96, mesh: big, microbatches: 64, ratio: 4, aligned: false))
    let small = PhysicalMesh(hostCount: 8, devicesPerHost: 8)
    measure("L32 8x8 all 4x", Self.gpt3(layers: 32, mesh: small, microbatches: 64, ratio: 4, aligned: false, memory: 1e12))
    measure("L32 8x8 all 1000x", Self.gpt3(layers: 32, mesh: small, microbatches: 64, ratio: 1000, aligned: false, memory: 1e12))
    measure("L32 8x8 all 1000x mem", Self.gpt3(layers: 32, mesh: small, microbatches: 64, ratio: 1000, aligned: false, memory: 40e9))
  }
}
