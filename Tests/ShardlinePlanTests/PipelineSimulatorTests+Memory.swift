import ShardlinePlan
import Testing

@Suite("PipelineSimulator in-flight microbatches")
struct PipelineSimulatorMemoryTests {
  @Test("GPipe holds all B microbatches on every stage", arguments: [(4, 1), (4, 3), (4, 8)])
  func gpipe(shape: (stages: Int, microbatches: Int)) throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.unequalWithTransfers + PipelineFixtures.equalStages(1),
      microbatches: shape.microbatches, schedule: .gpipe)
    #expect(
      timeline.peakInFlightMicrobatches == Array(repeating: shape.microbatches, count: 4))
  }

  @Test(
    "1F1B holds min(S − s, B) microbatches on stage s",
    arguments: [(1, 1), (4, 1), (4, 2), (4, 4), (4, 9), (8, 32)])
  func oneFOneB(shape: (stages: Int, microbatches: Int)) throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(shape.stages), microbatches: shape.microbatches,
      schedule: .oneFOneB)
    let expected = (0..<shape.stages).map { min(shape.stages - $0, shape.microbatches) }
    #expect(timeline.peakInFlightMicrobatches == expected)
    #expect(timeline.peakInFlightPerDeviceGroup == expected)
  }

  @Test("the peaks follow from the order alone, whatever the stages' times")
  func timesDoNotMatter() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.unequalWithTransfers, microbatches: 5, schedule: .oneFOneB)
    #expect(timeline.peakInFlightMicrobatches == [3, 2, 1])
  }

  @Test(
    "interleaved group g of G holds min(2(G − g − 1) + (v − 1)·G + 1, B·v) chunk-microbatches",
    arguments: [(2, 2, 4), (4, 2, 8), (4, 2, 16), (3, 4, 6), (4, 3, 12)])
  func interleaved(shape: (deviceGroups: Int, virtualStages: Int, microbatches: Int)) throws {
    let (groups, chunks, microbatches) = shape
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(groups * chunks), microbatches: microbatches,
      schedule: .interleavedOneFOneB, virtualStages: chunks)
    // Megatron's warm-up forwards plus the first steady-state forward.
    let expected = (0..<groups).map {
      min(2 * (groups - $0 - 1) + (chunks - 1) * groups + 1, microbatches * chunks)
    }
    #expect(timeline.peakInFlightPerDeviceGroup == expected)
    // No chunk holds more microbatches than there are.
    #expect(timeline.peakInFlightMicrobatches.allSatisfy { $0 <= microbatches })
  }

  @Test("interleaved with B = G runs every forward first, like GPipe")
  func interleavedAllWarmUp() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(8), microbatches: 4, schedule: .interleavedOneFOneB,
      virtualStages: 2)
    #expect(timeline.peakInFlightPerDeviceGroup == [8, 8, 8, 8])
    #expect(timeline.peakInFlightMicrobatches == Array(repeating: 4, count: 8))
  }
}
