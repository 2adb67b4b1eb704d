import Foundation
import ShardlinePlan
import Testing

@Suite("PipelineTimeline")
struct PipelineTimelineTests {
  @Test("the description names the schedule, the shape, the time and the bubble")
  func description() throws {
    let plain = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(4), microbatches: 8, schedule: .oneFOneB)
    // (8 + 3) · 3 = 33 s; bubble 3/11 = 27.3%.
    #expect(plain.description == "1f1b: 4 stages × 8 microbatches in 33 s, bubble 27.3%")
    let interleaved = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(8, forward: 0.5, backward: 1), microbatches: 4,
      schedule: .interleavedOneFOneB, virtualStages: 2)
    // 4 · 3 + 3 · 3 / 2 = 16.5 s; bubble 4.5/16.5 = 27.3%.
    #expect(
      interleaved.description
        == "interleaved-1f1b: 8 stages on 4 device groups × 4 microbatches in 16.5 s, bubble 27.3%")
    let single = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(1), microbatches: 1, schedule: .gpipe)
    #expect(single.description == "gpipe: 1 stage × 1 microbatch in 3 s, bubble 0.0%")
  }

  @Test("tasks have short labels and descriptions")
  func taskLabels() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.unequalWithTransfers, microbatches: 1, schedule: .gpipe)
    #expect(
      timeline.tasks.map(\.label) == [
        // At a tie, stage 1's update comes before its gradient send: stage, then kind.
        "F0", "send F0", "F0", "send F0", "F0", "B0", "update", "send B0", "B0", "update",
        "send B0", "B0", "update",
      ])
    #expect(timeline.tasks[1].description == "send F0 on stage 0: 1–1.25 s")
  }

  @Test("a timeline survives a JSON round trip")
  func codable() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.unequalWithTransfers, microbatches: 3, schedule: .oneFOneB)
    let data = try JSONEncoder().encode(timeline)
    #expect(try JSONDecoder().decode(PipelineTimeline.self, from: data) == timeline)
  }

  @Test("schedules are spelled as on the command line")
  func scheduleNames() {
    #expect(PipelineSchedule.allCases.map(\.rawValue) == ["gpipe", "1f1b", "interleaved-1f1b"])
    #expect(PipelineSchedule(rawValue: "1f1b") == .oneFOneB)
  }

  @Test("an iteration of zero length has no bubble")
  func zeroLength() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(3, forward: 0, backward: 0), microbatches: 2,
      schedule: .gpipe)
    #expect(timeline.iterationSeconds == 0)
    #expect(timeline.bubbleFraction == 0)
  }
}
