import ShardlineIR
import ShardlineInterpreter

/// Fills a language model's `tokens` and `labels` batch inputs with a new batch of a corpus
/// before each step.
struct CorpusFeed: Sendable {
  /// The text.
  let corpus: CharacterCorpus
  /// The position of the `tokens` input among the graph's inputs.
  let tokensPosition: Int
  /// The position of the `labels` input among the graph's inputs.
  let labelsPosition: Int
  /// The type of both, `[sequences, length]`.
  let type: TensorType
  /// Where the windows are drawn from; advanced by every batch.
  var generator: SplitMix64

  /// A feed of `corpus` into `graph`'s `tokens` and `labels` batch inputs, with windows drawn
  /// from `seed`.
  ///
  /// - Throws: ``PlanRunError/invalidInput(reason:)`` when the graph has no such inputs of one
  ///   `[sequences, length]` integer type, or the corpus does not fit the model (see
  ///   ``CharacterCorpus/checkFits(vocab:length:)``).
  init(corpus: CharacterCorpus, graph: Graph, seed: UInt64) throws(PlanRunError) {
    guard let tokens = Self.batchInput(named: "tokens", in: graph),
      let labels = Self.batchInput(named: "labels", in: graph)
    else {
      throw .invalidInput(
        reason: "\(graph.name) has no 'tokens' and 'labels' batch inputs to feed "
          + "\(corpus.name) into")
    }
    let type = graph[graph.inputs[tokens].node].type
    guard type.shape.count == 2, graph[graph.inputs[labels].node].type == type,
      case .integers(let vocab) = graph.inputs[tokens].initializer
    else {
      throw .invalidInput(
        reason: "\(graph.name)'s 'tokens' and 'labels' are not token ids of one [batch, seq] type")
    }
    do {
      try corpus.checkFits(vocab: vocab, length: type.shape[1])
    } catch {
      throw .invalidInput(reason: error.description)
    }
    self.corpus = corpus
    tokensPosition = tokens
    labelsPosition = labels
    self.type = type
    generator = SplitMix64(seed: seed)
  }

  /// Replaces the `tokens` and `labels` of `inputs` (in graph input order) with the next batch.
  mutating func fill(_ inputs: inout [HostTensor]) {
    let batch = corpus.batch(
      sequences: type.shape[0], length: type.shape[1], using: &generator)
    inputs[tokensPosition] = HostTensor(type, storage: batch.tokens)
    inputs[labelsPosition] = HostTensor(type, storage: batch.labels)
  }

  /// The position among `graph`'s inputs of the batch input `name` (or `scope/name`).
  private static func batchInput(named name: String, in graph: Graph) -> Int? {
    graph.inputs.firstIndex { input in
      let node = graph[input.node].name
      return input.role == .batch && (node == name || node.hasSuffix("/" + name))
    }
  }
}
