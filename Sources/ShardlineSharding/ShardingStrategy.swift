/// One way to run an op on the logical mesh: the sharding of its result, the sharding it needs
/// of each operand, and what it costs.
public struct ShardingStrategy: Hashable, Sendable, Codable {
  /// A short name, such as `SR = SR × RR` for a matmul or the output spec for a follower.
  public var name: String
  /// The sharding of the result.
  public var output: ShardingSpec
  /// The sharding required of each operand, in operand order; `nil` for an operand that needs
  /// none (a constant or index the op materializes locally in any layout).
  public var operands: [ShardingSpec?]
  /// Time of the local computation on one device, in seconds; work not divided among devices
  /// (replicated) is charged in full.
  public var computeSeconds: Double
  /// Time of the collectives the op itself performs, in seconds.
  public var communicationSeconds: Double
  /// The collectives the op itself performs.
  public var collectives: [Collective]
  /// Bytes of the result on one device.
  public var outputBytesPerDevice: Double

  /// Creates a strategy; the communication time is the sum of `collectives`' times.
  public init(
    name: String, output: ShardingSpec, operands: [ShardingSpec?], computeSeconds: Double,
    collectives: [Collective] = [], outputBytesPerDevice: Double
  ) {
    self.name = name
    self.output = output
    self.operands = operands
    self.computeSeconds = computeSeconds
    self.collectives = collectives
    self.communicationSeconds = collectives.reduce(0) { $0 + $1.seconds }
    self.outputBytesPerDevice = outputBytesPerDevice
  }

  /// Compute plus the op's own communication, in seconds.
  public var seconds: Double { computeSeconds + communicationSeconds }
}
