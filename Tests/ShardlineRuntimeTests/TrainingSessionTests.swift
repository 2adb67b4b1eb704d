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

  @Test("with a corpus each step trains on a new batch of it, and the loss falls")
  func corpusBatches() async throws {
    let fixture = try PipelineFixtures.charGPT.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let corpus = try CharacterCorpus(
      text: String(repeating: "a cat sat on a mat; a rat ran at a cat. ", count: 20),
      name: "cats")
    let session = try TrainingSession(
      plan: fixture.plan, graph: graph, wholeGraph: whole, seed: 4, data: .corpus(corpus))
    let tokens = try #require(whole.inputs.firstIndex { whole[$0.node].name.hasSuffix("tokens") })
    let labels = try #require(whole.inputs.firstIndex { whole[$0.node].name.hasSuffix("labels") })
    let firstBatch = session.inputs[tokens].storage
    #expect(firstBatch.allSatisfy { Int($0) < corpus.alphabet.count })
    #expect(
      session.inputs[labels].storage
        != HostTensor.initialInputs(for: whole, seed: 4)[labels]
        .storage)
    let (losses, after) = try await Self.onThread {
      var session = session
      var losses: [Float] = []
      for _ in 0..<6 { losses.append(try session.runStep().loss) }
      return (losses, session)
    }
    #expect(after.inputs[tokens].storage != firstBatch)
    #expect(losses.last! < losses.first!, "\(losses)")
  }

  @Test("a corpus with more characters than the model's vocabulary is refused")
  func corpusTooLarge() throws {
    let fixture = try PipelineFixtures.charGPT.get()
    let graph = try fixture.source.microbatchGraph(microbatches: fixture.plan.microbatches)
    let whole = try fixture.source.microbatchGraph(microbatches: 1)
    let text = String((0..<100).map { Character(UnicodeScalar(UInt8(32 + $0 % 90))) })
    let corpus = try CharacterCorpus(text: text, name: "wide.txt")
    #expect(
      throws: PlanRunError.invalidInput(
        reason: "wide.txt: the corpus has 90 distinct characters, more than the model's "
          + "vocabulary of 64")
    ) {
      try TrainingSession(
        plan: fixture.plan, graph: graph, wholeGraph: whole, seed: 4, data: .corpus(corpus))
    }
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
