import Foundation
import ShardlineIR

/// Drawing graph inputs from a seed, following each input's ``Initializer``.
extension HostTensor {
  /// The first value of one graph input, drawn from `seed` with the input's initializer.
  ///
  /// Each input draws from its own stream: the seed is mixed with the input's node id, so two
  /// inputs of one graph get different values and an input's values depend only on the seed,
  /// its node id, its type and its initializer.
  /// Normal values come from the Box–Muller transform; `.integers(upperBound:)` draws uniformly
  /// from `0..<upperBound`; an input without an initializer is zero. Values are rounded to the
  /// input's element type as `convert` rounds.
  ///
  /// - Parameters:
  ///   - input: The graph input; its `node` id selects the stream.
  ///   - type: The input node's type.
  ///   - seed: The seed shared by all inputs of a run.
  public static func initial(for input: GraphInput, type: TensorType, seed: UInt64) -> HostTensor {
    var generator = SplitMix64(
      seed: SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(truncatingIfNeeded: input.node.rawValue))))
    let count = type.elementCount
    var storage: [Float]
    switch input.initializer {
    case nil, .zeros:
      storage = Array(repeating: 0, count: count)
    case .constant(let value):
      storage = Array(repeating: Float(value), count: count)
    case .normal(let stddev):
      storage = normals(count: count, stddev: stddev, using: &generator)
    case .integers(let upperBound):
      precondition(upperBound > 0, "integer initializer needs a positive upper bound")
      storage = (0..<count).map { _ in
        Float(generator.uniform(below: UInt64(upperBound)))
      }
    }
    Kernels.round(&storage, to: type.dtype)
    return HostTensor(type, storage: storage)
  }

  /// The first values of all of a graph's inputs, in ``Graph/inputs`` order, drawn from `seed`.
  ///
  /// The result can be passed to ``Interpreter/run(_:inputs:)`` as it is.
  public static func initialInputs(for graph: Graph, seed: UInt64) -> [HostTensor] {
    graph.inputs.map { initial(for: $0, type: graph[$0.node].type, seed: seed) }
  }

  /// The first values of a graph's inputs with every batch input drawn `batchDraws` times
  /// (from `seed`, `seed + 1`, …) and stacked along dimension 0: the batch of an iteration of
  /// `batchDraws` microbatches of `graph`. Parameters and optimizer state are drawn once.
  ///
  /// - Precondition: `batchDraws` is positive.
  public static func initialInputs(for graph: Graph, seed: UInt64, batchDraws: Int)
    -> [HostTensor]
  {
    precondition(batchDraws > 0, "at least one draw of the batch")
    let first = initialInputs(for: graph, seed: seed)
    guard batchDraws > 1 else { return first }
    let draws = (1..<batchDraws).map { initialInputs(for: graph, seed: seed &+ UInt64($0)) }
    return graph.inputs.indices.map { index in
      let tensor = first[index]
      guard graph.inputs[index].role == .batch, let rows = tensor.shape.first else {
        return tensor
      }
      let shape = [rows * batchDraws] + tensor.shape.dropFirst()
      return HostTensor(
        shape: shape, dtype: tensor.dtype,
        storage: draws.reduce(tensor.storage) { $0 + $1[index].storage })
    }
  }

  /// `count` independent normal draws (Box–Muller, both outputs of each pair used).
  private static func normals(count: Int, stddev: Double, using generator: inout SplitMix64)
    -> [Float]
  {
    var values: [Float] = []
    values.reserveCapacity(count)
    while values.count < count {
      let u1 = 1 - generator.unitInterval()  // in (0, 1], so the logarithm is finite
      let u2 = generator.unitInterval()
      let radius = (-2 * Foundation.log(u1)).squareRoot() * stddev
      let angle = 2 * Double.pi * u2
      values.append(Float(radius * Foundation.cos(angle)))
      if values.count < count { values.append(Float(radius * Foundation.sin(angle))) }
    }
    return values
  }
}
