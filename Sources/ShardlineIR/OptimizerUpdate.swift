/// Emits an optimizer's update ops for every parameter, in the update phase and the
/// parameter's layer, declaring the optimizer-state inputs it needs.
struct OptimizerUpdate {
  let optimizer: Optimizer
  let builder: GraphBuilder

  /// Emits the updates and declares their outputs (parameters first, then state).
  func emit(parameters: [Value], gradients: [Value]) throws(IRError) {
    var stateOutputs: [(Value, NodeID)] = []
    var step: (old: Value, new: Value)?
    if case .adam = optimizer {
      step = try builder.with(scopePath: "optimizer", phase: .update, layer: nil) {
        () throws(IRError) -> (old: Value, new: Value) in
        let old = try builder.input(
          "step", TensorType([], .f32), role: .optimizerState, initializer: .zeros, slot: "step")
        return (old, try builder.add(old, builder.scalar(1, .f32)))
      }
      if let step { stateOutputs.append((step.new, step.old.id)) }
    }
    var parameterOutputs: [(Value, NodeID)] = []
    for (parameter, gradient) in zip(parameters, gradients) {
      let node = builder[parameter.id]
      try builder.with(scopePath: node.name + "/update", phase: .update, layer: node.layer) {
        () throws(IRError) in
        let (updated, state) = try update(parameter, gradient, step: step?.new)
        parameterOutputs.append((updated, parameter.id))
        stateOutputs += state
      }
    }
    for (value, replaced) in parameterOutputs {
      builder.output(value, role: .updatedParameter, replaces: replaced)
    }
    for (value, replaced) in stateOutputs {
      builder.output(value, role: .updatedOptimizerState, replaces: replaced)
    }
  }

  private func state(_ slot: String, of parameter: Value) throws(IRError) -> Value {
    try builder.input(
      slot, parameter.type, role: .optimizerState, initializer: .zeros, parameter: parameter.id,
      slot: slot)
  }

  private func axpy(_ a: Double, _ x: Value, _ b: Double, _ y: Value) throws(IRError) -> Value {
    try builder.add(builder.scale(x, by: a), builder.scale(y, by: b))
  }

  /// The new parameter value and each (new state, old state input) pair.
  private func update(_ p: Value, _ g: Value, step: Value?) throws(IRError)
    -> (Value, [(Value, NodeID)])
  {
    switch optimizer {
    case .sgd(let lr):
      return (try builder.subtract(p, builder.scale(g, by: lr)), [])
    case .momentum(let lr, let mu):
      let m = try state("momentum", of: p)
      let newM = try axpy(mu, m, 1, g)
      return (try builder.subtract(p, builder.scale(newM, by: lr)), [(newM, m.id)])
    case .adam(let lr, let beta1, let beta2, let epsilon):
      guard let step else { preconditionFailure("Adam needs a step counter") }
      let m = try state("adam_m", of: p)
      let v = try state("adam_v", of: p)
      let newM = try axpy(beta1, m, 1 - beta1, g)
      let newV = try axpy(beta2, v, 1 - beta2, builder.unary(.square, g))
      // Bias corrections 1 − β^t, computed once per parameter as scalars and broadcast.
      let correction = { (beta: Double) throws(IRError) -> Value in
        let power = try builder.binary(.power, builder.scalar(beta, .f32), step)
        return try builder.broadcast(
          builder.subtract(builder.scalar(1, .f32), power), to: p.shape, dimensions: [])
      }
      let mHat = try builder.divide(newM, correction(beta1))
      let vHat = try builder.divide(newV, correction(beta2))
      let denominator = try builder.add(
        builder.unary(.sqrt, vHat), builder.constant(epsilon, p.type))
      let delta = try builder.scale(builder.divide(mHat, denominator), by: lr)
      return (try builder.subtract(p, delta), [(newM, m.id), (newV, v.id)])
    }
  }
}
