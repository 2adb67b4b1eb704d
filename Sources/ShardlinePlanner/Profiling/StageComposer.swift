import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlineSharding

/// Prices a range of layers on one logical mesh by composing the layers' profiles: their times
/// and memory add up, and each value one layer of the range hands to another is resharded from
/// the producer's spec to the spec the consumer's solve assumed.
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

  /// Every layer's profile on one mesh under one mode, with the hand-over costs between them
  /// worked out once.
  struct Table: Sendable {
    let profiles: [LayerProfile]
    /// For each layer: (producer layer, seconds) of resharding each value it reads from another
    /// layer, when both are in the same stage.
    let handOverSeconds: [[(producer: Int, seconds: Double)]]

    /// Composes `layers`.
    func compose(_ layers: ClosedRange<Int>) -> Composition {
      var result = Composition(
        microbatchSeconds: 0, updateSeconds: 0, persistentBytes: 0, activationBytes: 0,
        workingBytes: 0)
      for layer in layers {
        let profile = profiles[layer]
        let costing = profile.costing
        result.microbatchSeconds += costing.forwardSeconds + costing.backwardSeconds
        result.updateSeconds += costing.updateSeconds
        result.persistentBytes += costing.persistentBytes
        result.activationBytes += costing.activationBytes
        result.workingBytes = max(result.workingBytes, costing.workingBytes)
        for handOver in handOverSeconds[layer] where layers.contains(handOver.producer) {
          result.microbatchSeconds += handOver.seconds
        }
      }
      return result
    }
  }

  let slices: [GraphSlice]
  let partition: LayerPartition

  /// The table of `profiles` (one per layer) on `mesh`.
  func table(
    profiles: [LayerProfile], mesh: LogicalMesh, costModel: ComputeCostModel,
    options: ShardingOptions
  ) -> Table {
    var context: ShardingContext?
    let handOvers = slices.indices.map { layer -> [(producer: Int, seconds: Double)] in
      let slice = slices[layer]
      return slice.boundaryInputs.compactMap { boundary in
        let whole = slice.wholeGraphNodes[boundary.rawValue]
        let producer = partition.layerOfNode[whole.rawValue]
        guard producer != layer,
          let local = slices[producer].sliceNodes[whole],
          let from = profiles[producer].costing.decisions[local]?.spec,
          let to = profiles[layer].costing.decisions[boundary]?.spec, from != to
        else { return nil }
        if context == nil {
          context = ShardingContext(
            graph: slice.graph, mesh: mesh, costModel: costModel, options: options)
        }
        let type = slice.graph[boundary].type
        return (producer, context!.resharding(type, from: from, to: to).seconds)
      }
    }
    return Table(profiles: profiles, handOverSeconds: handOvers)
  }
}
