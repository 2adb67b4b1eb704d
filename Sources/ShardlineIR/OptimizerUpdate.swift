/// Emits an optimizer's update ops for every parameter, in the update phase and the
/// parameter's layer, declaring the optimizer-state inputs it needs.
struct OptimizerUpdate {
  let optimizer: Optimizer
  let builder: GraphBuilder

  /// Emits the updates and declares their outputs (parameters first, then state).
  func emit(parameters: [Value], gradients: [Value]) throws(IRError) {
    var stateOutputs: [(Value, NodeID)] = []
    var corrections: BiasCorrections?
    if case .adam(_, let beta1, let beta2, _) = optimizer {
      try builder.with(scopePath: "optimizer", phase: .update, layer: nil) { () throws(IRError) in
        let old = try builder.input(
          "step", TensorType([], .f32), role: .optimizerState, initializer: .zeros, slot: "step")
        let step = try builder.add(old, builder.scalar(1, .f32))
        stateOutputs.append((step, old.id))
        // 1 − β^t, computed once per step and shared by every parameter's update.
        let correction = { (beta: Double) throws(IRError) -> Value in
          let power = try builder.binary(.power, builder.scalar(beta, .f32), step)
          return try builder.subtract(builder.scalar(1, .f32), power)
        }
        corrections = BiasCorrections(first: try correction(beta1), second: try correction(beta2))
      }
    }
    var parameterOutputs: [(Value, NodeID)] = []
    for (parameter, gradient) in zip(parameters, gradients) {
      let node = builder[parameter.id]
      try builder.with(scopePath: node.name + "/update", phase: .update, layer: node.layer) {
        () throws(IRError) in
        let (updated, state) = try update(parameter, gradient, corrections: corrections)
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

  /// Adam's scalar bias corrections `1 − β1^t` and `1 − β2^t` of the current step.
  private struct BiasCorrections {
    let first: Value
    let second: Value
  }

  /// The new parameter value and each (new state, old state input) pair.
  private func update(_ p: Value, _ g: Value, corrections: BiasCorrections?) throws(IRError)
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
      guard let corrections else { preconditionFailure("Adam needs its bias corrections") }
      let m = try state("adam_m", of: p)
      let v = try state("adam_v", of: p)
      let newM = try axpy(beta1, m, 1 - beta1, g)
      let newV = try axpy(beta2, v, 1 - beta2, builder.unary(.square, g))
      let spread = { (scalar: Value) throws(IRError) -> Value in
        try builder.broadcast(scalar, to: p.shape, dimensions: [])
      }
      let mHat = try builder.divide(newM, spread(corrections.first))
      let vHat = try builder.divide(newV, spread(corrections.second))
      let denominator = try builder.add(
        builder.unary(.sqrt, vHat), builder.constant(epsilon, p.type))
      let delta = try builder.scale(builder.divide(mHat, denominator), by: lr)
      return (try builder.subtract(p, delta), [(newM, m.id), (newV, v.id)])
    }
  }
}
