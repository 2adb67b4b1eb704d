import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// A stage (or layer) priced on its own mesh: per-phase times and per-device memory by
/// category, from an intra-op plan of its slice (solved, or costed as given by
/// ``FixedSharding``).
public struct StageCosting: Sendable, Codable, Hashable {
  /// Forward time of one microbatch, in seconds.
  public var forwardSeconds = 0.0
  /// Backward time of one microbatch, in seconds.
  public var backwardSeconds = 0.0
  /// Update time, once per iteration, in seconds.
  public var updateSeconds = 0.0
  /// Local computation of one microbatch's forward and backward plus the update, in seconds.
  public var computeSeconds = 0.0
  /// Intra-op collectives and resharding of the same, in seconds.
  public var communicationSeconds = 0.0
  /// Per-device bytes of parameters.
  public var parameterBytes = 0.0
  /// Per-device bytes of optimizer state.
  public var optimizerStateBytes = 0.0
  /// Per-device bytes of the gradients the update reads (accumulation buffers).
  public var gradientBytes = 0.0
  /// Per-device bytes of forward values the backward reads, per microbatch.
  public var activationBytes = 0.0
  /// Peak bytes of one microbatch's step (one set of activations included).
  public var singleMicrobatchPeakBytes = 0.0
  /// Forward and backward FLOPs of one microbatch plus the update's, on all devices.
  public var microbatchFlops = 0.0
  /// The update's FLOPs, on all devices.
  public var updateFlops = 0.0
  /// The decision of each slice node that takes one.
  public var decisions: [NodeID: FixedSharding.Decision] = [:]

  /// Prices `slice` under `decisions` (by slice node) on `mesh`.
  init(
    slice: GraphSlice, decisions: [NodeID: FixedSharding.Decision], mesh: LogicalMesh,
    costModel: ComputeCostModel, options: ShardingOptions
  ) throws(ShardingError) {
    let context = ShardingContext(
      graph: slice.graph, mesh: mesh, costModel: costModel, options: options)
    self.init(graph: slice.graph, plan: try FixedSharding(context: context).evaluate(decisions))
  }

  /// Sums `plan`, an intra-op plan of `graph`, by phase and memory category.
  public init(graph: Graph, plan: IntraOpPlan) {
    let roles = Dictionary(graph.inputs.map { ($0.node, $0.role) }, uniquingKeysWith: { a, _ in a })
    let users = graph.users()
    for op in plan.ops {
      let node = graph[op.node]
      let seconds = op.computeSeconds + op.communicationSeconds
      switch node.phase {
      case .forward: forwardSeconds += seconds
      case .backward: backwardSeconds += seconds
      case .update: updateSeconds += seconds
      }
      computeSeconds += op.computeSeconds
      communicationSeconds += op.communicationSeconds
      decisions[op.node] = FixedSharding.Decision(strategy: op.strategy, spec: op.spec)
      let readers = users[op.node.rawValue].map { graph[$0].phase }
      switch roles[op.node] {
      case .parameter: parameterBytes += op.outputBytesPerDevice
      case .optimizerState: optimizerStateBytes += op.outputBytesPerDevice
      case .batch, nil:
        if node.phase == .backward && readers.contains(.update) {
          gradientBytes += op.outputBytesPerDevice
        } else if node.phase == .forward && readers.contains(.backward) {
          activationBytes += op.outputBytesPerDevice
        }
      }
    }
    singleMicrobatchPeakBytes = plan.peakMemoryBytesPerDevice
    for node in graph.nodes where node.op != .parameter {
      let flops = graph.flops(of: node.id)
      if node.phase == .update { updateFlops += flops } else { microbatchFlops += flops }
    }
  }
}
