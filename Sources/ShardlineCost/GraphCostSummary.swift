import ShardlineHardware
import ShardlineIR

/// What one training step of a graph costs on a single device: work, time and memory.
public struct GraphCostSummary: Sendable, Hashable {
  /// Floating-point operations per phase.
  public var flopsByPhase: [Phase: Double]
  /// Estimated seconds per phase, summing every op's roofline time on the device.
  public var secondsByPhase: [Phase: Double]
  /// Memory needed to run the step on the device.
  public var memory: MemoryBreakdown
  /// The device's memory, in bytes.
  public var deviceMemoryBytes: Int

  /// Total floating-point operations of one step.
  public var totalFlops: Double { flopsByPhase.values.reduce(0, +) }
  /// Estimated seconds of one step.
  public var totalSeconds: Double { secondsByPhase.values.reduce(0, +) }
  /// Whether the step fits in one device's memory.
  public var fits: Bool { memory.totalBytes <= deviceMemoryBytes }

  /// Costs every op of `graph` on `model`'s device.
  public init(graph: Graph, model: ComputeCostModel) {
    var flops: [Phase: Double] = [:]
    var seconds: [Phase: Double] = [:]
    for node in graph.nodes {
      let time = model.time(of: node.id, in: graph)
      flops[node.phase, default: 0] += time.flops
      seconds[node.phase, default: 0] += time.seconds
    }
    flopsByPhase = flops
    secondsByPhase = seconds
    memory = MemoryBreakdown(graph: graph)
    deviceMemoryBytes = model.device.memoryBytes
  }
}
