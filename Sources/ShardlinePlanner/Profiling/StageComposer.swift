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

  /// Every layer's profile on one mesh under one mode, with prefix sums so that any range
  /// composes in constant time (the stage DP asks for every range).
  struct Table: Sendable {
    let profiles: [LayerProfile]
    /// Sums over layers `0..<k` at index k.
    private let microbatchPrefix: [Double]
    private let updatePrefix: [Double]
    private let persistentPrefix: [Double]
    private let activationPrefix: [Double]
    /// Largest working bytes of layers `i...j` at `i·L + j`.
    private let workingMax: [Double]
    /// Hand-over seconds summed over consumers `< c` and producers `< p` at `c·(L+1) + p`;
    /// empty when no layer reshards what another hands it.
    private let handOverPrefix: [Double]

    init(profiles: [LayerProfile], handOverSeconds: [[(producer: Int, seconds: Double)]]) {
      self.profiles = profiles
      let count = profiles.count
      func prefix(_ value: (StageCosting) -> Double) -> [Double] {
        var sums = [0.0]
        for profile in profiles { sums.append(sums.last! + value(profile.costing)) }
        return sums
      }
      microbatchPrefix = prefix { $0.forwardSeconds + $0.backwardSeconds }
      updatePrefix = prefix(\.updateSeconds)
      persistentPrefix = prefix(\.persistentBytes)
      activationPrefix = prefix(\.activationBytes)
      var maxima = [Double](repeating: 0, count: count * count)
      for first in 0..<count {
        var largest = 0.0
        for last in first..<count {
          largest = max(largest, profiles[last].costing.workingBytes)
          maxima[first * count + last] = largest
        }
      }
      workingMax = maxima
      guard handOverSeconds.contains(where: { !$0.isEmpty }) else {
        handOverPrefix = []
        return
      }
      let side = count + 1
      var sums = [Double](repeating: 0, count: side * side)
      for consumer in 0..<count {
        var row = [Double](repeating: 0, count: count)
        for handOver in handOverSeconds[consumer] { row[handOver.producer] += handOver.seconds }
        for producer in 0..<count {
          sums[(consumer + 1) * side + producer + 1] =
            row[producer] + sums[consumer * side + producer + 1]
            + sums[(consumer + 1) * side + producer] - sums[consumer * side + producer]
        }
      }
      handOverPrefix = sums
    }

    /// Composes `layers`.
    func compose(_ layers: ClosedRange<Int>) -> Composition {
      let (first, end) = (layers.lowerBound, layers.upperBound + 1)
      var handOver = 0.0
      if !handOverPrefix.isEmpty {
        let side = profiles.count + 1
        handOver =
          handOverPrefix[end * side + end] - handOverPrefix[first * side + end]
          - handOverPrefix[end * side + first] + handOverPrefix[first * side + first]
      }
      return Composition(
        microbatchSeconds: microbatchPrefix[end] - microbatchPrefix[first] + handOver,
        updateSeconds: updatePrefix[end] - updatePrefix[first],
        persistentBytes: persistentPrefix[end] - persistentPrefix[first],
        activationBytes: activationPrefix[end] - activationPrefix[first],
        workingBytes: workingMax[first * profiles.count + layers.upperBound])
    }
  }

  let slices: [GraphSlice]
  let partition: LayerPartition

  /// The table of `profiles` (one per layer) on `mesh`.
  func table(
    profiles: [LayerProfile], mesh: LogicalMesh, costModel: ComputeCostModel,
    options: ShardingOptions
  ) -> Table {
    Table(
      profiles: profiles,
      handOverSeconds: handOvers(
        in: 0...(slices.count - 1), profiles: profiles, mesh: mesh, costModel: costModel,
        options: options))
  }

  /// The composition of `layers` alone from their profiles on `mesh` (`profiles[i]` is layer
  /// `layers.lowerBound + i`'s), for pricing one stage without profiling every layer there.
  func composition(
    of layers: ClosedRange<Int>, profiles: [LayerProfile], mesh: LogicalMesh,
    costModel: ComputeCostModel, options: ShardingOptions
  ) -> Composition {
    Table(
      profiles: profiles,
      handOverSeconds: handOvers(
        in: layers, profiles: profiles, mesh: mesh, costModel: costModel, options: options)
    ).compose(0...profiles.count - 1)
  }

  /// For each layer of `layers`, the seconds of resharding each value another layer of `layers`
  /// hands it, with producers numbered from `layers.lowerBound`.
  private func handOvers(
    in layers: ClosedRange<Int>, profiles: [LayerProfile], mesh: LogicalMesh,
    costModel: ComputeCostModel, options: ShardingOptions
  ) -> [[(producer: Int, seconds: Double)]] {
    var context: ShardingContext?
    let first = layers.lowerBound
    return layers.map { layer -> [(producer: Int, seconds: Double)] in
      let slice = slices[layer]
      return slice.boundaryInputs.compactMap { boundary in
        let whole = slice.wholeGraphNodes[boundary.rawValue]
        let producer = partition.layerOfNode[whole.rawValue]
        guard producer != layer, layers.contains(producer),
          let local = slices[producer].sliceNodes[whole],
          let from = profiles[producer - first].costing.decisions[local]?.spec,
          let to = profiles[layer - first].costing.decisions[boundary]?.spec, from != to
        else { return nil }
        if context == nil {
          context = ShardingContext(
            graph: slice.graph, mesh: mesh, costModel: costModel, options: options)
        }
        let type = slice.graph[boundary].type
        return (producer - first, context!.resharding(type, from: from, to: to).seconds)
      }
    }
  }
}
