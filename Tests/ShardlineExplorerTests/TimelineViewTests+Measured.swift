import ShardlinePlan
import Testing

@testable import ShardlineExplorer

extension TimelineViewTests {
  /// The fixture's state on the timeline after step 1 of a run that measured `timeline`.
  private func measuredState(_ timeline: PipelineTimeline?) throws -> ExplorerState {
    var state = try ExplorerFixture.state()
    _ = state.reduce(.startRun)
    let id = try #require(state.run?.id)
    _ = state.reduce(
      .runProgressed(
        id: id, step: 1, loss: 5, seconds: 0.25, stageSeconds: [0.1, 0.1], timeline: timeline))
    _ = state.reduce(.show(.timeline))
    return state
  }

  /// One measured 1F1B iteration of 2 stages and 1 microbatch, 250 ms long.
  private var measured: PipelineTimeline {
    PipelineTimeline(
      schedule: .oneFOneB, stageCount: 2, virtualStages: 1, microbatches: 1,
      tasks: [
        PipelineTask(
          stage: 0, deviceGroup: 0, chunk: 0, microbatch: 0, kind: .forward, startSeconds: 0,
          endSeconds: 0.05),
        PipelineTask(
          stage: 1, deviceGroup: 1, chunk: 0, microbatch: 0, kind: .forward, startSeconds: 0.05,
          endSeconds: 0.1),
        PipelineTask(
          stage: 1, deviceGroup: 1, chunk: 0, microbatch: 0, kind: .backward, startSeconds: 0.1,
          endSeconds: 0.15),
        PipelineTask(
          stage: 0, deviceGroup: 0, chunk: 0, microbatch: 0, kind: .backward,
          startSeconds: 0.15, endSeconds: 0.2),
      ],
      iterationSeconds: 0.25, busySeconds: [0.1, 0.1], bubbleFraction: 0.6,
      peakInFlightMicrobatches: [1, 1], peakInFlightPerDeviceGroup: [1, 1])
  }

  @Test("e switches the chart to the last run's measured timeline, titled as measured, and back")
  func measuredTimeline() throws {
    var state = try measuredState(measured)
    _ = state.reduce(key: .character("e"))
    #expect(state.timeline.showsMeasured)
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    let title = try #require(buffer.find("measured on CPU · "))
    #expect(buffer.line(title.row).contains("step 1 of \(state.document.title)"))
    let summary = try #require(buffer.find("iteration "))
    #expect(buffer.line(summary.row).contains("bubble 60.0 %"), "\(buffer.line(summary.row))")
    _ = state.reduce(key: .character("e"))
    let estimate = ExplorerScreen.render(state, width: 80, height: 24)
    #expect(estimate.find("measured on CPU") == nil)
    #expect(estimate.find("1f1b · 2 stages × 4 microbatches") != nil)
  }

  @Test("with nothing measured, e keeps the estimate and says how to measure")
  func nothingMeasured() throws {
    var state = try ExplorerFixture.state()
    state.page = .timeline
    _ = state.reduce(key: .character("e"))
    #expect(!state.timeline.showsMeasured)
    #expect(state.status?.text.contains("no run measured yet") == true)
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    #expect(buffer.find("1f1b · 2 stages × 4 microbatches") != nil)
  }
}
