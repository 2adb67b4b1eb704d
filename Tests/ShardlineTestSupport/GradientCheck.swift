import Foundation
import ShardlineIR
import ShardlineInterpreter

/// Compares autodiff gradients with central finite differences through the reference
/// interpreter.
///
/// The check draws random directions `v` over all parameters and compares the directional
/// derivative `⟨∇L, v⟩` with `(L(θ + εv) − L(θ − εv)) / 2ε`, then does the same for a few single
/// coordinates. A direction exercises every parameter at once, so one check covers a whole model.
public struct GradientCheck {
  /// One compared derivative.
  public struct Comparison: Sendable, CustomStringConvertible {
    /// What was perturbed: `direction 2` or `parameter 'fc/w'[5]`.
    public var label: String
    /// From autodiff.
    public var analytic: Double
    /// From finite differences.
    public var numeric: Double

    /// `|analytic − numeric| / max(|analytic|, |numeric|, floor)`.
    public func relativeError(floor: Double) -> Double {
      abs(analytic - numeric) / max(abs(analytic), abs(numeric), floor)
    }

    public var description: String {
      "\(label): autodiff \(analytic), finite differences \(numeric)"
    }
  }

  /// The graph computing the loss (output 0) and one gradient per parameter (outputs 1...).
  public let graph: Graph
  /// The parameter inputs, in gradient order.
  public let parameters: [GraphInput]
  /// Step of the central differences.
  public var epsilon: Double = 1e-3

  /// Builds the loss with `forward` and its gradients with autodiff.
  public init(name: String, forward: (GraphBuilder) throws -> Value) throws {
    let builder = GraphBuilder(name: name)
    let loss = try forward(builder)
    let parameters = builder.parameters
    let gradients = try Autodiff.gradients(of: loss, withRespectTo: parameters, in: builder)
    builder.output(loss, role: .loss)
    for gradient in gradients { builder.output(gradient) }
    graph = builder.build()
    self.parameters = graph.inputs(.parameter)
  }

  /// Loss and gradients at the given inputs.
  public func evaluate(_ inputs: [HostTensor]) throws -> (loss: Double, gradients: [HostTensor]) {
    let outputs = try Interpreter.run(graph, inputs: inputs)
    return (Double(outputs[0].scalar), Array(outputs.dropFirst()))
  }

  /// Runs the comparison: `directions` random directions and `coordinates` single elements.
  public func compare(seed: UInt64 = 7, directions: Int = 3, coordinates: Int = 4) throws
    -> [Comparison]
  {
    let inputs = HostTensor.initialInputs(for: graph, seed: seed)
    let (_, gradients) = try evaluate(inputs)
    let positions = parameters.map { parameter in
      graph.inputs.firstIndex { $0.node == parameter.node }!
    }
    var generator = SplitMix64(seed: seed &+ 99)
    var comparisons: [Comparison] = []
    for direction in 0..<directions {
      let v = gradients.map { g in g.storage.map { _ in Float(generator.nextNormal()) } }
      var analytic = 0.0
      for (g, vi) in zip(gradients, v) {
        for (a, b) in zip(g.storage, vi) { analytic += Double(a) * Double(b) }
      }
      let numeric = try centralDifference(inputs, positions: positions, direction: v)
      comparisons.append(
        Comparison(label: "direction \(direction)", analytic: analytic, numeric: numeric))
    }
    for _ in 0..<coordinates {
      let p = Int(generator.next() % UInt64(parameters.count))
      let count = gradients[p].storage.count
      guard count > 0 else { continue }
      let element = Int(generator.next() % UInt64(count))
      var v = gradients.map { [Float](repeating: 0, count: $0.storage.count) }
      v[p][element] = 1
      let numeric = try centralDifference(inputs, positions: positions, direction: v)
      comparisons.append(
        Comparison(
          label: "parameter '\(graph[parameters[p].node].name)'[\(element)]",
          analytic: Double(gradients[p].storage[element]), numeric: numeric))
    }
    return comparisons
  }

  private func centralDifference(
    _ inputs: [HostTensor], positions: [Int], direction: [[Float]]
  ) throws -> Double {
    func shifted(_ sign: Double) -> [HostTensor] {
      var moved = inputs
      for (position, v) in zip(positions, direction) {
        for i in moved[position].storage.indices {
          moved[position].storage[i] += Float(sign * epsilon) * v[i]
        }
      }
      return moved
    }
    let plus = try evaluate(shifted(1)).loss
    let minus = try evaluate(shifted(-1)).loss
    return (plus - minus) / (2 * epsilon)
  }
}

extension SplitMix64 {
  /// A standard normal draw (Box–Muller).
  mutating func nextNormal() -> Double {
    let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-300)
    let u2 = Double(next() >> 11) / Double(1 << 53)
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
