import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter

/// One collective in progress on the CPU fabric: the `sequence`-th call on a group, where the
/// members leave their tensors and pick up their results.
struct Rendezvous {
  /// Identifies a rendezvous: the group and how many collectives its members called on it before.
  struct Key: Hashable {
    /// The group the collective runs on.
    var group: DeviceGroup
    /// The collective's position among the group's collectives, from 0.
    var sequence: Int
  }

  /// The operation every member must call.
  let operation: CollectiveOperation
  /// The tensor type every member must contribute.
  let type: TensorType
  /// The member that arrived first and fixed ``operation`` and ``type``.
  let first: DeviceID
  /// Each member's tensor by rank, `nil` until it arrives.
  var contributions: [HostTensor?]
  /// Members that have arrived.
  var arrived = 0
  /// The sum (all-reduce, reduce-scatter) or concatenation (all-gather) of all contributions,
  /// once the last member to arrive has computed it.
  var combined: HostTensor?
  /// Members that have taken their result and left.
  var departed = 0
  /// Set when two members disagreed; every member then throws it.
  var failure: RuntimeError?

  /// Opens a rendezvous for `group` with the first member's call.
  init(operation: CollectiveOperation, type: TensorType, first: DeviceID, groupSize: Int) {
    self.operation = operation
    self.type = type
    self.first = first
    contributions = Array(repeating: nil, count: groupSize)
  }

  /// Whether every member can compute its result: all arrived, and the combined tensor is ready
  /// for the operations that need one.
  var isComplete: Bool {
    if case .allToAll = operation { return arrived == contributions.count }
    return combined != nil
  }

  /// The combined tensor of all contributions, or `nil` for all-to-all, which has none.
  static func combine(_ tensors: [HostTensor], for operation: CollectiveOperation) -> HostTensor? {
    switch operation {
    case .allReduce, .reduceScatter: HostTensor.sum(tensors)
    case .allGather(let dimension): HostTensor.concatenate(tensors, along: dimension)
    case .allToAll: nil
    }
  }

  /// Member `rank`'s result, from the combined tensor or the contributions.
  static func result(
    of operation: CollectiveOperation, rank: Int, combined: HostTensor?, contributions: [HostTensor]
  ) -> HostTensor {
    let count = contributions.count
    switch operation {
    case .allReduce, .allGather:
      return combined!
    case .reduceScatter(let dimension):
      return combined!.part(rank, of: count, along: dimension)
    case .allToAll(let split, let concat):
      let parts = contributions.map { $0.part(rank, of: count, along: split) }
      return HostTensor.concatenate(parts, along: concat)
    }
  }
}
