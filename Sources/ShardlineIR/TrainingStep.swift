/// Builds a whole training step: forward pass, backward pass and optimizer update.
public enum TrainingStep {
  /// Builds `(parameters, optimizer state, batch) → (loss, new parameters, new state)`.
  ///
  /// - Parameters:
  ///   - name: The graph's name.
  ///   - options: Optimizer and precision.
  ///   - forward: Declares batch inputs and weights on the builder (with
  ///     ``GraphBuilder/input(_:_:role:initializer:parameter:slot:)`` and
  ///     ``GraphBuilder/weight(_:_:initializer:)``) and returns the scalar loss.
  /// - Returns: A graph whose outputs are the loss, then each parameter's update, then each
  ///   optimizer-state update, every update naming the input it replaces.
  public static func build(
    name: String, options: TrainingOptions = TrainingOptions(),
    forward: (GraphBuilder) throws -> Value
  ) throws -> Graph {
    let builder = GraphBuilder(name: name, computeType: options.computeType)
    var loss = try forward(builder)
    if loss.rank != 0 {
      throw IRError.invalidGraph(reason: "the loss must be a scalar, got \(loss.type)")
    }
    loss = try builder.convert(loss, to: .f32)
    builder.output(loss, role: .loss)
    let parameters = builder.parameters
    let lossScale = options.lossScale ?? 1
    var gradients = try Autodiff.gradients(
      of: loss, withRespectTo: parameters, seed: lossScale, in: builder)
    if lossScale != 1 {
      gradients = try zip(parameters, gradients).map { parameter, gradient in
        try builder.with(
          scopePath: builder[parameter.id].name + "/unscale", phase: .backward,
          layer: builder[parameter.id].layer
        ) { () throws(IRError) -> Value in try builder.scale(gradient, by: 1 / lossScale) }
      }
    }
    try OptimizerUpdate(optimizer: options.optimizer, builder: builder)
      .emit(parameters: parameters, gradients: gradients)
    return builder.build()
  }
}
