import Foundation
import ShardlineIR
import ShardlineInterpreter
import ShardlineRuntime
import Testing

@Suite("Training sessions")
struct TrainingSessionTests {
  @Test("each step's updated tensors become the next step's inputs")
  func feedsUpdatesForward() async throws {
    let fixture = try PipelineFixtures.mlpTiny.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let session = try TrainingSession(
      plan: fixture.plan, graph: graph, wholeGraph: whole, seed: 1)
    #expect(session.inputs == HostTensor.initialInputs(for: whole, seed: 1))
    // Steps block their thread, so they run on one of their own, not on the test's pool.
    let (first, fed, after) = try await Self.onThread {
      var session = session
      let first = try session.runStep()
      let afterFirst = session.inputs
      _ = try session.runStep()
      return (first, afterFirst, session)
    }
    #expect(after.stepsRun == 2)
    let positions = Dictionary(
      graph.inputs.enumerated().map { ($1.node, $0) }, uniquingKeysWith: { first, _ in first })
    var replaced = 0
    for (output, tensor) in zip(graph.outputs, first.outputs) {
      guard let input = output.replaces, let position = positions[input] else { continue }
      #expect(fed[position] == tensor)
      replaced += 1
    }
    #expect(replaced > 0)
    #expect(after.inputs != fed)
  }

  /// Runs `work` on a new thread and returns what it returns.
  private static func onThread<T: Sendable>(
    _ work: @escaping @Sendable () throws -> T
  ) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread { continuation.resume(with: Result { try work() }) }
      thread.stackSize = 8 << 20
      thread.start()
    }
  }
}
