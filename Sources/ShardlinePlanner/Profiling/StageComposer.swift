import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding
import Synchronization

/// Prices a range of layers on one logical mesh by composing the layers' profiles: their times
/// and memory add up, and each value one layer of the range hands to a later one is resharded
/// from the producer's spec to the spec the consumer's solve assumed.
///
/// When every such hand-over needs no resharding (the common case: a transformer's blocks agree
/// on the residual stream's layout), the sum is exactly what one ILP over the whole range would
/// find, since each layer's own optimum is a lower bound on its part of the range's cost.
/// Otherwise it is the cost of a feasible assignment, an upper bound.
struct StageComposer: Sendable {
  /// A composed range on one mesh.
  struct Composition: Sendable {
    /// Forward plus backward of one microbatch, with the resharding between layers, in seconds.
    var microbatchSeconds: Double
    /// The update, once per iteration, in seconds.
    var updateSeconds: Double
    /// Per-device bytes of parameters, optimizer state and gradients.
    var persistentBytes: Double
    /// Per-device bytes of one microbatch's activations.
    var activationBytes: Double
    /// Largest temporary bytes of any layer.
    var workingBytes: Double
  }

  /// For each layer: the values it reads from earlier layers (its slice's boundary inputs).
  struct HandOver: Sendable {
    var boundary: NodeID
    var producerLayer: Int
    var producer: NodeID
    var type: TensorType
  }

  let handOvers: [[HandOver]]

  init(slices: [GraphSlice], partition: LayerPartition) {
    handOvers = slices.map { slice in
      slice.boundaryInputs.compactMap { boundary in
        let whole = slice.wholeGraphNodes[boundary.rawValue]
        let layer = partition.layerOfNode[whole.rawValue]
        return HandOver(
          boundary: boundary, producerLayer: layer, producer: whole,
          type: slice.graph[boundary].type)
      }
    }
  }

  /// Composes `layers` from their `profiles` (indexed by layer) on `mesh`.
  func compose(
    _ layers: ClosedRange<Int>, profiles: (Int) throws(PlannerError) -> LayerProfile,
    slices: [GraphSlice], mesh: LogicalMesh, costModel: ComputeCostModel,
    options: ShardingOptions
  ) throws(PlannerError) -> Composition {
    var result = Composition(
      microbatchSeconds: 0, updateSeconds: 0, persistentBytes: 0, activationBytes: 0,
      workingBytes: 0)
    var context: ShardingContext?
    for layer in layers {
      let profile = try profiles(layer)
      let costing = profile.costing
      result.microbatchSeconds += costing.forwardSeconds + costing.backwardSeconds
      result.updateSeconds += costing.updateSeconds
      result.persistentBytes += profile.persistentBytes
      result.activationBytes += costing.activationBytes
      result.workingBytes = max(result.workingBytes, profile.workingBytes)
      for handOver in handOvers[layer] where layers.contains(handOver.producerLayer) {
        let producerProfile = try profiles(handOver.producerLayer)
        guard
          let local = slices[handOver.producerLayer].sliceNodes[handOver.producer],
          let from = producerProfile.costing.decisions[local]?.spec,
          let to = costing.decisions[handOver.boundary]?.spec, from != to
        else { continue }
        if context == nil {
          context = ShardingContext(
            graph: slices[layer].graph, mesh: mesh, costModel: costModel, options: options)
        }
        result.microbatchSeconds += context!.resharding(handOver.type, from: from, to: to).seconds
      }
    }
    return result
  }
}
