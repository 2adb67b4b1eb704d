/// Size checks shared by the model configurations.
enum ConfigValidation {
  /// Throws for the first non-positive size, then if `heads` does not divide `hidden`.
  static func check(model: String, sizes: [(String, Int)], hidden: Int, heads: Int)
    throws(ModelError)
  {
    try requirePositive(model: model, sizes)
    if hidden % heads != 0 {
      throw .invalidConfiguration(
        model: model, reason: "\(heads) heads do not divide hidden size \(hidden)")
    }
  }

  /// Throws for the first size that is not positive.
  static func requirePositive(model: String, _ sizes: [(String, Int)]) throws(ModelError) {
    if let (name, value) = sizes.first(where: { $0.1 < 1 }) {
      throw .invalidConfiguration(model: model, reason: "\(name) must be positive, got \(value)")
    }
  }
}
