import ShardlinePlan
import Testing

@Suite("PipelineError")
struct PipelineErrorTests {
  private let two = PipelineFixtures.equalStages(2)

  @Test("a pipeline without stages is refused")
  func noStages() {
    #expect(throws: PipelineError.noStages) {
      try PipelineSimulator.simulate(stages: [], microbatches: 4, schedule: .gpipe)
    }
  }

  @Test("fewer than one microbatch is refused", arguments: [0, -3])
  func microbatches(count: Int) {
    #expect(throws: PipelineError.invalidMicrobatchCount(count)) {
      try PipelineSimulator.simulate(stages: two, microbatches: count, schedule: .oneFOneB)
    }
  }

  @Test(
    "a negative time is refused, naming the stage and field",
    arguments: [
      "forwardSeconds", "backwardSeconds", "updateSeconds", "sendForwardSeconds",
      "sendBackwardSeconds",
    ])
  func negativeTime(field: String) {
    var stages = two
    switch field {
    case "forwardSeconds": stages[1].forwardSeconds = -1
    case "backwardSeconds": stages[1].backwardSeconds = -1
    case "updateSeconds": stages[1].updateSeconds = -1
    case "sendForwardSeconds": stages[1].sendForwardSeconds = -1
    default: stages[1].sendBackwardSeconds = -1
    }
    #expect(throws: PipelineError.invalidTime(stage: 1, field: field, seconds: -1)) {
      try PipelineSimulator.simulate(stages: stages, microbatches: 2, schedule: .gpipe)
    }
  }

  @Test("an infinite or NaN time is refused")
  func nonFiniteTime() {
    var stages = two
    stages[0].backwardSeconds = .infinity
    #expect(
      throws: PipelineError.invalidTime(stage: 0, field: "backwardSeconds", seconds: .infinity)
    ) {
      try PipelineSimulator.simulate(stages: stages, microbatches: 2, schedule: .gpipe)
    }
    stages[0].backwardSeconds = .nan
    #expect {
      try PipelineSimulator.simulate(stages: stages, microbatches: 2, schedule: .gpipe)
    } throws: { error in
      guard case .invalidTime(0, "backwardSeconds", let seconds) = error as? PipelineError else {
        return false
      }
      return seconds.isNaN
    }
  }

  @Test("fewer than one virtual stage is refused", arguments: PipelineSchedule.allCases)
  func virtualStageCount(schedule: PipelineSchedule) {
    #expect(throws: PipelineError.invalidVirtualStageCount(0)) {
      try PipelineSimulator.simulate(
        stages: two, microbatches: 2, schedule: schedule, virtualStages: 0)
    }
  }

  @Test(
    "virtual stages need the interleaved schedule",
    arguments: [PipelineSchedule.gpipe, .oneFOneB])
  func virtualStagesNeedInterleaving(schedule: PipelineSchedule) {
    #expect(
      throws: PipelineError.virtualStagesNeedInterleaving(schedule: schedule, virtualStages: 2)
    ) {
      try PipelineSimulator.simulate(
        stages: two, microbatches: 2, schedule: schedule, virtualStages: 2)
    }
  }

  @Test("virtual stages must divide the stages")
  func stagesNotDivisible() {
    #expect(throws: PipelineError.stagesNotDivisible(stages: 6, virtualStages: 4)) {
      try PipelineSimulator.simulate(
        stages: PipelineFixtures.equalStages(6), microbatches: 4,
        schedule: .interleavedOneFOneB, virtualStages: 4)
    }
  }

  @Test("interleaving needs a multiple of the device groups as microbatches")
  func microbatchesNotDivisible() {
    #expect(throws: PipelineError.microbatchesNotDivisible(microbatches: 3, deviceGroups: 2)) {
      try PipelineSimulator.simulate(
        stages: PipelineFixtures.equalStages(4), microbatches: 3,
        schedule: .interleavedOneFOneB, virtualStages: 2)
    }
    // One chunk per group is plain 1F1B, which takes any B.
    #expect(throws: Never.self) {
      try PipelineSimulator.simulate(
        stages: PipelineFixtures.equalStages(4), microbatches: 3, schedule: .interleavedOneFOneB)
    }
  }

  @Test(
    "each error reads as one line naming what is wrong",
    arguments: [
      (PipelineError.noStages, "a pipeline needs at least one stage"),
      (.invalidMicrobatchCount(0), "a pipeline needs at least 1 microbatch per iteration, not 0"),
      (
        .invalidTime(stage: 2, field: "updateSeconds", seconds: -0.5),
        "stage 2 has updateSeconds -0.5: times must be finite and at least 0"
      ),
      (.invalidVirtualStageCount(0), "virtual stages per device group must be at least 1, not 0"),
      (
        .virtualStagesNeedInterleaving(schedule: .gpipe, virtualStages: 2),
        "2 virtual stages per device group need the interleaved-1f1b schedule; gpipe runs one "
          + "stage per device group"
      ),
      (
        .stagesNotDivisible(stages: 6, virtualStages: 4),
        "6 stages cannot be split evenly into device groups of 4 virtual stages each"
      ),
      (
        .microbatchesNotDivisible(microbatches: 3, deviceGroups: 2),
        "interleaved-1f1b runs microbatches in groups of the 2 device groups, which does not "
          + "divide 3 microbatches"
      ),
    ])
  func descriptions(error: PipelineError, text: String) {
    #expect(error.description == text)
  }
}
