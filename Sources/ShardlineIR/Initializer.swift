/// How the initial value of a graph input is drawn, so that any graph can be run from a seed.
public enum Initializer: Hashable, Codable, Sendable {
  /// Every element zero (biases, optimizer moments).
  case zeros
  /// Every element the given value (layer-norm scales).
  case constant(Double)
  /// Independent normal draws with mean 0 and the given standard deviation (weights).
  case normal(stddev: Double)
  /// Uniform integers in `0..<upperBound` (token ids, labels).
  case integers(upperBound: Int)
}
