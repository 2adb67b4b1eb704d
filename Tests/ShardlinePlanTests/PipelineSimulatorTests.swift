import ShardlineInterpreter
import ShardlinePlan
import Testing

@Suite("PipelineSimulator timing")
struct PipelineSimulatorTests {
  @Test(
    "GPipe and 1F1B take (B + S − 1)·(t_f + t_b) for equal stages",
    arguments: [PipelineSchedule.gpipe, .oneFOneB],
    [(1, 1), (1, 5), (4, 1), (4, 3), (4, 4), (4, 8), (8, 32)])
  func equalStages(schedule: PipelineSchedule, shape: (stages: Int, microbatches: Int)) throws {
    let stages = PipelineFixtures.equalStages(shape.stages, forward: 1, backward: 2)
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: shape.microbatches, schedule: schedule)
    // (B + S − 1) · (1 + 2) s.
    #expect(timeline.iterationSeconds == Double(shape.microbatches + shape.stages - 1) * 3)
    #expect(
      timeline.busySeconds == Array(repeating: Double(shape.microbatches) * 3, count: shape.stages))
    // Bubble (S − 1)/(B + S − 1), exactly so for these sizes up to rounding.
    let bubble = Double(shape.stages - 1) / Double(shape.microbatches + shape.stages - 1)
    #expect(abs(timeline.bubbleFraction - bubble) < 1e-12)
  }

  @Test("a 64-stage, 1024-microbatch 1F1B iteration still meets the closed form")
  func large() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(64, forward: 0.5, backward: 1), microbatches: 1024,
      schedule: .oneFOneB)
    // (1024 + 63) · 1.5 s = 1630.5 s.
    #expect(timeline.iterationSeconds == 1630.5)
    #expect(timeline.tasks.count == 64 * (2 * 1024 + 1))
  }

  @Test("GPipe is two flow shops: Σ t_f + (B − 1)·max t_f + Σ t_b + (B − 1)·max t_b")
  func gpipeFlowShop() throws {
    let stages = [
      StageTiming(forwardSeconds: 1, backwardSeconds: 2),
      StageTiming(forwardSeconds: 3, backwardSeconds: 1),
      StageTiming(forwardSeconds: 2, backwardSeconds: 4),
    ]
    let timeline = try PipelineSimulator.simulate(stages: stages, microbatches: 4, schedule: .gpipe)
    // Forwards: 6 + 3·3 = 15 s; backwards: 7 + 3·4 = 19 s; 34 s in all.
    #expect(timeline.iterationSeconds == 34)
    // 1F1B overlaps stage 1's slow forwards with stage 2's slow backwards.
    let oneFOneB = try PipelineSimulator.simulate(
      stages: stages, microbatches: 4, schedule: .oneFOneB)
    #expect(oneFOneB.iterationSeconds == 31)
  }

  @Test("GPipe meets Alpa's Σ (t_f + t_b) + (B − 1)·max (t_f + t_b) if one stage is slowest")
  func alpaEstimate() throws {
    // Stage 1 is slowest in both directions: Σ = 3 + 9 + 6 = 18 s, max = 9 s.
    let stages = [
      StageTiming(forwardSeconds: 1, backwardSeconds: 2),
      StageTiming(forwardSeconds: 3, backwardSeconds: 6),
      StageTiming(forwardSeconds: 2, backwardSeconds: 4),
    ]
    let gpipe = try PipelineSimulator.simulate(stages: stages, microbatches: 5, schedule: .gpipe)
    // 18 + 4 · 9 = 54 s.
    #expect(gpipe.iterationSeconds == 54)
  }

  @Test(
    "Alpa's estimate is not a lower bound: 1F1B beats it when the first stage is the bottleneck")
  func alpaEstimateIsNoBound() throws {
    let stages = [
      StageTiming(forwardSeconds: 10, backwardSeconds: 10),
      StageTiming(forwardSeconds: 1, backwardSeconds: 1),
    ]
    // Alpa: 22 + 1 · 20 = 42 s, which GPipe meets.
    let gpipe = try PipelineSimulator.simulate(stages: stages, microbatches: 2, schedule: .gpipe)
    #expect(gpipe.iterationSeconds == 42)
    // 1F1B: stage 0 is busy the whole time, B · 20 = 40 s, while stage 1 turns each microbatch
    // around between stage 0's forwards.
    let oneFOneB = try PipelineSimulator.simulate(
      stages: stages, microbatches: 2, schedule: .oneFOneB)
    #expect(oneFOneB.iterationSeconds == 40)
  }

  @Test(
    "no schedule beats max_j (Σ_{i<j} (t_f,i + t_b,i) + B·(t_f,j + t_b,j))",
    arguments: [PipelineSchedule.gpipe, .oneFOneB], [1, 2, 3, 7, 16])
  func bottleneckBound(schedule: PipelineSchedule, microbatches: Int) throws {
    let stages = [
      StageTiming(forwardSeconds: 1, backwardSeconds: 7),
      StageTiming(forwardSeconds: 5, backwardSeconds: 3),
      StageTiming(forwardSeconds: 2, backwardSeconds: 2),
      StageTiming(forwardSeconds: 4, backwardSeconds: 6),
    ]
    // Stage j cannot start before the stages ahead of it have run microbatch 0 forward, runs B
    // forwards and backwards one at a time, and its last gradient must then go back through them.
    var bound = 0.0
    var ahead = 0.0
    for stage in stages {
      let perMicrobatch = stage.forwardSeconds + stage.backwardSeconds
      bound = max(bound, ahead + Double(microbatches) * perMicrobatch)
      ahead += perMicrobatch
    }
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: microbatches, schedule: schedule)
    #expect(timeline.iterationSeconds >= bound)
  }

  @Test(
    "every task waits for its inputs, its device group and its link",
    arguments: PipelineSchedule.allCases, [1, 2, 3, 6])
  func dependencies(schedule: PipelineSchedule, microbatches: Int) throws {
    let stages = PipelineFixtures.unequalWithTransfers
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: microbatches, schedule: schedule)
    #expect(PipelineFixtures.violations(of: timeline, stages: stages) == [])
  }

  @Test("random pipelines keep every rule under every schedule", arguments: 0..<40)
  func random(seed: UInt64) throws {
    var random = SplitMix64(seed: seed)
    let groups = Int.random(in: 1...4, using: &random)
    let chunks = Int.random(in: 1...3, using: &random)
    let microbatches = groups * Int.random(in: 1...4, using: &random)
    // Quarter seconds keep every sum exact; zero transfers drop their tasks.
    func quarters(_ range: ClosedRange<Int>) -> Double {
      Double(Int.random(in: range, using: &random)) / 4
    }
    let stages = (0..<groups * chunks).map { _ in
      StageTiming(
        forwardSeconds: quarters(0...8), backwardSeconds: quarters(0...16),
        updateSeconds: quarters(0...4), sendForwardSeconds: quarters(0...3),
        sendBackwardSeconds: quarters(0...3))
    }
    for schedule in PipelineSchedule.allCases {
      let timeline = try PipelineSimulator.simulate(
        stages: stages, microbatches: microbatches, schedule: schedule,
        virtualStages: schedule == .interleavedOneFOneB ? chunks : 1)
      #expect(PipelineFixtures.violations(of: timeline, stages: stages) == [], "\(schedule)")
    }
  }

  @Test("tasks are sorted by start, then stage, then kind, then microbatch")
  func sorted() throws {
    let timeline = try PipelineSimulator.simulate(
      stages: PipelineFixtures.unequalWithTransfers, microbatches: 5, schedule: .oneFOneB)
    let pairs = zip(timeline.tasks, timeline.tasks.dropFirst())
    #expect(pairs.allSatisfy { PipelineTask.timelineOrder($0, $1) })
  }

  @Test(
    "each stage updates once, as soon as its last backward ends",
    arguments: [PipelineSchedule.gpipe, .oneFOneB])
  func update(schedule: PipelineSchedule) throws {
    let stages = PipelineFixtures.unequalWithTransfers
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: 4, schedule: schedule)
    let updates = timeline.tasks.filter { $0.kind == .update }
    #expect(updates.map(\.stage).sorted() == [0, 1, 2])
    for update in updates {
      let lastBackward = timeline.tasks.filter { $0.stage == update.stage && $0.kind == .backward }
        .map(\.endSeconds).max()
      #expect(update.startSeconds == lastBackward)
      #expect(update.microbatch == nil)
    }
    // Stage 0's update ends the iteration: its last backward is the last compute.
    #expect(timeline.iterationSeconds == updates.first { $0.stage == 0 }?.endSeconds)
  }

  @Test("a transfer delays the receiver by its length")
  func transferDelay() throws {
    let stages = [
      StageTiming(forwardSeconds: 1, backwardSeconds: 2, sendForwardSeconds: 0.5),
      StageTiming(forwardSeconds: 1, backwardSeconds: 2, sendBackwardSeconds: 0.25),
    ]
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: 1, schedule: .oneFOneB)
    let index = PipelineFixtures.TaskIndex(timeline)
    // F0 on stage 0 [0, 1], its send [1, 1.5], F0 on stage 1 [1.5, 2.5], B0 there [2.5, 4.5],
    // the gradient's send [4.5, 4.75], B0 on stage 0 [4.75, 6.75].
    #expect(index[.sendForward, stage: 0, microbatch: 0]?.startSeconds == 1)
    #expect(index[.forward, stage: 1, microbatch: 0]?.startSeconds == 1.5)
    #expect(index[.sendBackward, stage: 1, microbatch: 0]?.endSeconds == 4.75)
    #expect(index[.backward, stage: 0, microbatch: 0]?.startSeconds == 4.75)
    #expect(timeline.iterationSeconds == 6.75)
    // Without transfers the same iteration takes (1 + 2 − 1) · 3 = 6 s.
    let free = try PipelineSimulator.simulate(
      stages: PipelineFixtures.equalStages(2), microbatches: 1, schedule: .oneFOneB)
    #expect(free.iterationSeconds == 6)
  }

  @Test("transfers leave the sender computing, and a link carries one at a time")
  func transfersQueueOnTheLink() throws {
    // Sending takes 3 s, three times a forward.
    let stages = [
      StageTiming(forwardSeconds: 1, backwardSeconds: 1, sendForwardSeconds: 3),
      StageTiming(forwardSeconds: 1, backwardSeconds: 1),
    ]
    let timeline = try PipelineSimulator.simulate(stages: stages, microbatches: 3, schedule: .gpipe)
    let sends = timeline.tasks.filter { $0.kind == .sendForward }
    #expect(sends.map(\.startSeconds) == [1, 4, 7])
    let forwards = timeline.tasks.filter { $0.kind == .forward && $0.stage == 0 }
    #expect(forwards.map(\.startSeconds) == [0, 1, 2])
    // Stage 1 runs each forward once its send arrives: at 4, 7 and 10 s.
    let received = timeline.tasks.filter { $0.kind == .forward && $0.stage == 1 }
    #expect(received.map(\.startSeconds) == [4, 7, 10])
  }

  @Test("a zero-length transfer is no task; a transfer out of the pipeline's ends is ignored")
  func zeroTransfers() throws {
    let stages = [
      StageTiming(forwardSeconds: 1, backwardSeconds: 1, sendBackwardSeconds: 5),
      StageTiming(forwardSeconds: 1, backwardSeconds: 1, sendForwardSeconds: 5),
    ]
    let timeline = try PipelineSimulator.simulate(
      stages: stages, microbatches: 2, schedule: .oneFOneB)
    #expect(timeline.tasks.allSatisfy { $0.kind.isCompute })
    // (2 + 2 − 1) · 2 = 6 s.
    #expect(timeline.iterationSeconds == 6)
  }
}
