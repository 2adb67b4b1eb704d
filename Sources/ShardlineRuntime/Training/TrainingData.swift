/// Where a training session's batches come from.
public enum TrainingData: Sendable, Hashable {
  /// One batch drawn from the seed with the model's initializers (random token ids for a
  /// language model), the same every step.
  case synthetic
  /// A new batch of the corpus every step: windows of characters as the `tokens` input and the
  /// characters after them as the `labels` input, at places drawn from the seed.
  case corpus(CharacterCorpus)
}
