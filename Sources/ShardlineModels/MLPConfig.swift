import ShardlineIR

/// A multi-layer perceptron classifier: dense layers with ReLU, then a dense layer to the class
/// logits and softmax cross-entropy.
///
/// Layers: `dense{i}` (i) for each hidden layer, then `head`.
public struct MLPConfig: Hashable, Codable, Sendable {
  /// Features of each input example.
  public var input: Int
  /// Units of each hidden layer, first to last.
  public var hiddenSizes: [Int]
  /// Number of classes.
  public var classes: Int
  /// Global batch size in examples.
  public var batch: Int

  /// Creates a configuration.
  public init(input: Int, hiddenSizes: [Int], classes: Int, batch: Int) {
    self.input = input
    self.hiddenSizes = hiddenSizes
    self.classes = classes
    self.batch = batch
  }

  /// Checks that every size is positive.
  ///
  /// - Throws: ``ModelError/invalidConfiguration(model:reason:)`` naming the first violation.
  public func validate() throws(ModelError) {
    try ConfigValidation.requirePositive(
      model: "MLP",
      [("input", input)] + hiddenSizes.enumerated().map { ("hidden size \($0.offset)", $0.element) }
        + [("classes", classes), ("batch", batch)])
  }

  /// Trainable parameters, in closed form: `Σ (in·out + out)` over the dense layers.
  public var parameterCount: Int {
    let widths = [input] + hiddenSizes + [classes]
    return zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
  }

  /// Emits the forward pass into `b` — batch inputs, weights and every layer — and returns
  /// the scalar loss.
  ///
  /// Batch inputs: `x` (f32 `[batch, input]`, converted to the compute type) and `labels`
  /// (i32 `[batch]`).
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func forward(_ b: GraphBuilder) throws -> Value {
    try validate()
    let declareInput = {
      try b.convert(
        b.input(
          "x", TensorType([batch, input], .f32), role: .batch, initializer: .normal(stddev: 1)),
        to: b.computeType)
    }
    var x: Value?
    for (i, units) in hiddenSizes.enumerated() {
      x = try b.layer(i, named: "dense\(i)") {
        try b.relu(b.linear(x ?? declareInput(), units, label: "linear"))
      }
    }
    return try b.layer(hiddenSizes.count, named: "head") {
      let features = try x ?? declareInput()
      let labels = try b.input(
        "labels", TensorType([batch], .i32), role: .batch,
        initializer: .integers(upperBound: classes))
      let logits = try b.linear(features, classes, label: "linear")
      return try b.softmaxCrossEntropy(logits: logits, labels: labels)
    }
  }

  /// Builds the training step: forward pass, backward pass and optimizer update.
  ///
  /// - Throws: ``ModelError`` for an invalid configuration, `IRError` if a shape is rejected.
  public func trainingStep(options: TrainingOptions = TrainingOptions()) throws -> Graph {
    try TrainingStep.build(name: "mlp", options: options, forward: forward)
  }
}
