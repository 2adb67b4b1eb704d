/// A communication pattern among the devices of a group, priced by
/// ``AxisCost/time(of:bytes:options:)``.
///
/// What the byte count B means differs per kind; each case says.
public enum CollectiveKind: String, CaseIterable, Sendable, Codable, Hashable {
  /// Every device contributes a 1/n slice and ends with the whole tensor; B is the size of the
  /// whole (gathered) tensor.
  case allGather
  /// Every device holds a tensor of B bytes and ends with the elementwise sum over the group.
  case allReduce
  /// Every device holds a tensor of B bytes and ends with a 1/n slice of the sum; B is the size of
  /// the whole (unreduced) tensor on one device.
  case reduceScatter
  /// Every device holds a 1/n slice of a tensor of B bytes split along one dimension and ends with
  /// a 1/n slice split along another; B is the size of the whole tensor across the group.
  case allToAll
  /// One device sends B bytes to another.
  case sendRecv
}
