import ShardlineHardware
import ShardlineIR
import ShardlineSharding

/// One pipeline stage of a ``Plan``: a contiguous range of layers, the devices it runs on, the
/// logical mesh it views them as, and every op's sharding.
public struct PlanStage: Sendable, Codable, Hashable {
  /// First layer of the stage.
  public var firstLayer: Int
  /// Last layer of the stage (inclusive).
  public var lastLayer: Int
  /// The submesh shape: hosts × devices per host.
  public var submesh: SubmeshShape
  /// The devices, host-major; logical device (i, j) is `devices[i·n1 + j]`.
  public var devices: [DeviceID]
  /// The logical 2-D view of the devices.
  public var logicalShape: LogicalMeshShape
  /// Every op of the stage that takes a decision, in node order.
  public var ops: [PlanOp]
  /// The per-microbatch latency the stage DP priced the stage at (composed from layer profiles,
  /// with the update amortized over the microbatches), in seconds; `nil` for a plan not made by
  /// the DP. The evaluator's figures are the exact ones.
  public var searchEstimateSeconds: Double?
  /// The per-device peak the stage DP priced the stage at, in bytes; `nil` for a plan not made
  /// by the DP.
  public var searchEstimatePeakBytes: Double?

  /// Creates a stage.
  public init(
    firstLayer: Int, lastLayer: Int, submesh: SubmeshShape, devices: [DeviceID],
    logicalShape: LogicalMeshShape, ops: [PlanOp], searchEstimateSeconds: Double? = nil,
    searchEstimatePeakBytes: Double? = nil
  ) {
    self.firstLayer = firstLayer
    self.lastLayer = lastLayer
    self.submesh = submesh
    self.devices = devices
    self.logicalShape = logicalShape
    self.ops = ops
    self.searchEstimateSeconds = searchEstimateSeconds
    self.searchEstimatePeakBytes = searchEstimatePeakBytes
  }

  /// The stage's layers.
  public var layers: ClosedRange<Int> { firstLayer...lastLayer }
}

/// One op's sharding decision in a plan.
public struct PlanOp: Sendable, Hashable {
  /// The node in the per-microbatch training graph.
  public var node: NodeID
  /// Its name, checked against the graph on load.
  public var name: String
  /// The strategy's name, such as `SR = SR × RR`.
  public var strategy: String
  /// The result spec, such as `S0R`.
  public var spec: ShardingSpec
  /// Whether a person fixed the strategy: re-solves keep it (see ``PlanEdit/pin(node:strategy:spec:)``).
  public var pinned: Bool

  /// Creates a decision.
  public init(
    node: NodeID, name: String, strategy: String, spec: ShardingSpec, pinned: Bool = false
  ) {
    self.node = node
    self.name = name
    self.strategy = strategy
    self.spec = spec
    self.pinned = pinned
  }
}

/// A decision's JSON object has `node`, `name`, `strategy` and `spec`, and `pinned: true` only
/// for a pinned op, so that plans without pins keep the bytes they had before pins existed.
extension PlanOp: Codable {
  private enum CodingKeys: String, CodingKey {
    case node, name, strategy, spec, pinned
  }

  /// Decodes a decision; a missing `pinned` key means not pinned.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    node = try container.decode(NodeID.self, forKey: .node)
    name = try container.decode(String.self, forKey: .name)
    strategy = try container.decode(String.self, forKey: .strategy)
    spec = try container.decode(ShardingSpec.self, forKey: .spec)
    pinned = try container.decodeIfPresent(Bool.self, forKey: .pinned) ?? false
  }

  /// Encodes a decision, with `pinned` only when it is set.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(node, forKey: .node)
    try container.encode(name, forKey: .name)
    try container.encode(strategy, forKey: .strategy)
    try container.encode(spec, forKey: .spec)
    if pinned { try container.encode(true, forKey: .pinned) }
  }
}
