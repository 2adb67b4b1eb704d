import ShardlinePlan
import Testing

@Suite("PipelineSimulator interleaved 1F1B")
struct PipelineSimulatorInterleavedTests {
  @Test(
    "v chunks per device group divide the bubble by v: B·(t_f + t_b) + (G − 1)·(t_f + t_b)/v",
    arguments: [(2, 2, 4), (4, 2, 8), (4, 4, 8), (3, 2, 9), (8, 4, 16)])
  func bubble(shape: (deviceGroups: Int, virtualStages: Int, microbatches: Int)) throws {
    let (groups, chunks, microbatches) = shape
    // A device group's share of the model takes t_f = 4 s and t_b = 8 s per microbatch, split
    // into v equal chunks.
    let stages = PipelineFixtures.equalStages(
      groups * chunks, forward: 4 / Double(chunks), backward: 8 / Double(chunks))
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: microbatches, schedule: .interleavedOneFOneB,
      virtualStages: chunks)
    let expected = Double(microbatches) * 12 + Double(groups - 1) * 12 / Double(chunks)
    #expect(timeline.iterationSeconds == expected)

    let plain = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(groups, forward: 4, backward: 8),
      microbatches: microbatches, schedule: .oneFOneB)
    #expect(timeline.iterationSeconds < plain.iterationSeconds)
    #expect(timeline.bubbleFraction < plain.bubbleFraction)
    #expect(timeline.busySeconds == plain.busySeconds)
  }

  @Test("stage s runs on device group s mod G as chunk s / G")
  func placement() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(6), microbatches: 3, schedule: .interleavedOneFOneB,
      virtualStages: 2)
    #expect(timeline.deviceGroupCount == 3)
    #expect(timeline.busySeconds.count == 3)
    #expect(timeline.peakInFlightMicrobatches.count == 6)
    for task in timeline.tasks {
      #expect(task.deviceGroup == task.stage % 3)
      #expect(task.chunk == task.stage / 3)
    }
  }

  @Test("device groups follow Megatron-LM's interleaved order")
  func megatronOrder() throws {
    // G = 2, v = 2, B = 4: group 0 hosts stages 0 and 2 and warms up with 2·1 + 1·2 = 4 forwards.
    let stage = StageTiming(forwardSeconds: 1, backwardSeconds: 2, updateSeconds: 1)
    let timeline = try PipelineSimulator.simulate(
      stages: Array(repeating: stage, count: 4), microbatches: 4,
      schedule: .interleavedOneFOneB, virtualStages: 2)
    #expect(
      PipelineFixtures.computeOrder(of: timeline, deviceGroup: 0) == [
        "F0@0", "F1@0", "F0@2", "F1@2",  // warm-up: chunk 0, then chunk 1, for microbatches 0–1
        "F2@0", "B0@2", "F3@0", "B1@2", "F2@2", "B0@0", "F3@2", "B1@0",  // steady state
        "B2@2", "B3@2", "B2@0", "B3@0",  // cool-down
        "update@2", "update@0",
      ])
    // Group 1 warms up with (v − 1)·G = 2 forwards only.
    #expect(
      PipelineFixtures.computeOrder(of: timeline, deviceGroup: 1).prefix(4) == [
        "F0@1", "F1@1", "F0@3", "B0@3",
      ])
  }

  @Test(
    "every task waits for its inputs, its device group and its link",
    arguments: [(2, 2, 2), (2, 2, 6), (3, 2, 6), (2, 3, 4), (1, 3, 2)])
  func dependencies(shape: (deviceGroups: Int, virtualStages: Int, microbatches: Int)) throws {
    let (groups, chunks, microbatches) = shape
    let stages = (0..<groups * chunks).map { (stage: Int) -> StageTiming in
      let sendForward: Double = stage % 2 == 0 ? 0.75 : 0
      let sendBackward: Double = stage % 3 == 0 ? 0 : 1.25
      return StageTiming(
        forwardSeconds: Double(1 + stage % 3), backwardSeconds: Double(2 + stage % 2),
        updateSeconds: 0.5, sendForwardSeconds: sendForward, sendBackwardSeconds: sendBackward)
    }
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: microbatches, schedule: .interleavedOneFOneB,
      virtualStages: chunks)
    #expect(PipelineFixtures.violations(of: timeline, stages: stages) == [])
  }

  @Test("chunks that take no time still run in order")
  func zeroTimeChunks() throws {
    // Chunk 1 (stages 2 and 3) takes no time, so its tasks share instants with chunk 0's.
    let stages = [
      StageTiming(forwardSeconds: 1, backwardSeconds: 2, updateSeconds: 1),
      StageTiming(forwardSeconds: 1, backwardSeconds: 2, sendBackwardSeconds: 0.5),
      StageTiming(forwardSeconds: 0, backwardSeconds: 0),
      StageTiming(forwardSeconds: 0, backwardSeconds: 0),
    ]
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: 4, schedule: .interleavedOneFOneB, virtualStages: 2)
    #expect(PipelineFixtures.violations(of: timeline, stages: stages) == [])
    timeline.checkInvariants()
  }

  @Test("one virtual stage per device group is plain 1F1B")
  func oneChunk() throws {
    let stages = PipelineFixtures.unequalWithTransfers
    let interleaved = try PipelineSimulator.simulate(
      stages: stages, microbatches: 5, schedule: .interleavedOneFOneB)
    let plain = try PipelineSimulator.simulate(stages: stages, microbatches: 5, schedule: .oneFOneB)
    #expect(interleaved.tasks == plain.tasks)
    #expect(interleaved.schedule == .interleavedOneFOneB)
  }
}
