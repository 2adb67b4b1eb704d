import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// A stage (or layer) priced on its own mesh: per-phase times and per-device memory by
/// category, from an intra-op plan of its slice (solved, or costed as given by
/// ``FixedSharding``).
///
/// Activations are what the backward pass reads of the forward pass, counted as a compiler that
/// fuses element-wise ops keeps them: an element-wise or layout op's result (a GELU's tanh, a
/// convert, a broadcast) is recomputed inside the backward fusion from its operands, so the
/// stored values are the results of the ops that feed such chains (matmuls, reductions,
/// gathers, inputs). With ``rematerialization`` (activation checkpointing, Chen et al. 2016, as
/// Alpa's and Megatron-LM's GPT runs used) each layer keeps only its inputs; its backward first
/// runs its forward again, which costs the forward time once more and one layer's full
/// activations of working memory.
public struct StageCosting: Sendable, Codable, Hashable {
  /// Forward time of one microbatch, in seconds.
  public var forwardSeconds = 0.0
  /// Backward time of one microbatch (with the recomputed forward under rematerialization), in
  /// seconds.
  public var backwardSeconds = 0.0
  /// Update time, once per iteration, in seconds.
  public var updateSeconds = 0.0
  /// Local computation of one microbatch's forward and backward plus the update, in seconds.
  public var computeSeconds = 0.0
  /// Intra-op collectives and resharding of the same, in seconds.
  public var communicationSeconds = 0.0
  /// Of ``computeSeconds``, the update's local computation, in seconds (the rest of
  /// ``updateSeconds`` is its communication). `nil` in layer profiles cached before it was
  /// recorded.
  public var updateComputeSeconds: Double?
  /// Per-device bytes of parameters.
  public var parameterBytes = 0.0
  /// Per-device bytes of optimizer state.
  public var optimizerStateBytes = 0.0
  /// Per-device bytes of the gradients the update reads (accumulation buffers).
  public var gradientBytes = 0.0
  /// Per-device bytes one microbatch keeps from its forward to its backward.
  public var activationBytes = 0.0
  /// Per-device bytes needed besides persistent state and stored activations: the largest op's
  /// operands and result (what must be alive at once to run it), and under rematerialization one
  /// layer's recomputed activations. Taking the largest op rather than the liveness peak of the
  /// unfused graph keeps a stage's figure the maximum of its layers', so stages compose.
  public var workingBytes = 0.0
  /// Forward and backward FLOPs of one microbatch, on all devices.
  public var microbatchFlops = 0.0
  /// The update's FLOPs, on all devices.
  public var updateFlops = 0.0
  /// The decision of each slice node that takes one.
  public var decisions: [NodeID: FixedSharding.Decision] = [:]
  /// Whether each layer's activations are recomputed in its backward.
  public var rematerialization = false

  /// Prices `slice` under `decisions` (by slice node) on `mesh`; `layerOf` gives the layer of
  /// each slice node (for rematerialization).
  init(
    slice: GraphSlice, decisions: [NodeID: FixedSharding.Decision], mesh: LogicalMesh,
    costModel: ComputeCostModel, options: ShardingOptions, layerOf: [Int],
    rematerialization: Bool
  ) throws(ShardingError) {
    let context = ShardingContext(
      graph: slice.graph, mesh: mesh, costModel: costModel, options: options)
    self.init(
      graph: slice.graph, plan: try FixedSharding(context: context).evaluate(decisions),
      layerOf: layerOf, rematerialization: rematerialization)
  }

  /// Sums `plan`, an intra-op plan of `graph`, by phase and memory category.
  ///
  /// - Parameters:
  ///   - layerOf: The layer of each node of `graph`; one layer for all when `nil`.
  ///   - rematerialization: Whether layers recompute their activations in the backward.
  public init(
    graph: Graph, plan: IntraOpPlan, layerOf: [Int]? = nil, rematerialization: Bool = false
  ) {
    self.rematerialization = rematerialization
    let roles = Dictionary(graph.inputs.map { ($0.node, $0.role) }, uniquingKeysWith: { a, _ in a })
    let users = graph.users()
    var bytes: [NodeID: Double] = [:]
    for op in plan.ops {
      let node = graph[op.node]
      let seconds = op.computeSeconds + op.communicationSeconds
      switch node.phase {
      case .forward: forwardSeconds += seconds
      case .backward: backwardSeconds += seconds
      case .update:
        updateSeconds += seconds
        updateComputeSeconds = (updateComputeSeconds ?? 0) + op.computeSeconds
      }
      computeSeconds += op.computeSeconds
      communicationSeconds += op.communicationSeconds
      decisions[op.node] = FixedSharding.Decision(strategy: op.strategy, spec: op.spec)
      bytes[op.node] = op.outputBytesPerDevice
      switch roles[op.node] {
      case .parameter: parameterBytes += op.outputBytesPerDevice
      case .optimizerState: optimizerStateBytes += op.outputBytesPerDevice
      case .batch, nil:
        if node.phase == .backward
          && users[op.node.rawValue].contains(where: {
            graph[$0].phase == .update
          })
        {
          gradientBytes += op.outputBytesPerDevice
        }
      }
    }
    let layers = layerOf ?? Array(repeating: 0, count: graph.nodes.count)
    let saved = ActivationSet(graph: graph, users: users, roles: roles, bytes: bytes)
    let fullByLayer = saved.storedBytesByLayer(layers)
    let fullActivations = fullByLayer.values.reduce(0, +)
    let temporaries = saved.largestOpFootprint()
    if rematerialization {
      activationBytes = saved.layerInputBytes(layers)
      workingBytes = temporaries + (fullByLayer.values.max() ?? 0)
      backwardSeconds += forwardSeconds
      computeSeconds += plan.ops.filter { graph[$0.node].phase == .forward }
        .reduce(0) { $0 + $1.computeSeconds }
    } else {
      activationBytes = fullActivations
      workingBytes = temporaries
    }
    for node in graph.nodes where node.op != .parameter {
      let flops = graph.flops(of: node.id)
      if node.phase == .update { updateFlops += flops } else { microbatchFlops += flops }
    }
  }

  /// Local computation of one iteration, in seconds: forward and backward per microbatch, the
  /// update once.
  public func computeSeconds(microbatches: Int) -> Double {
    let update = updateComputeSeconds ?? 0
    return (computeSeconds - update) * Double(microbatches) + update
  }

  /// Intra-op communication of one iteration, in seconds: forward and backward per microbatch,
  /// the update's once.
  public func communicationSeconds(microbatches: Int) -> Double {
    let update = updateSeconds - (updateComputeSeconds ?? 0)
    return (communicationSeconds - update) * Double(microbatches) + update
  }

  /// Per-device bytes that stay for the whole iteration: parameters, optimizer state, gradients.
  public var persistentBytes: Double { parameterBytes + optimizerStateBytes + gradientBytes }

  /// Per-device peak with `inFlight` microbatches' activations alive.
  public func peakBytes(microbatchesInFlight inFlight: Int) -> Double {
    persistentBytes + Double(max(inFlight, 1)) * activationBytes + workingBytes
  }
}
