import ShardlineHardware

/// An ordered list of distinct devices that take part in a collective together.
///
/// A device's position in the list is its rank: all-gather concatenates the members' tensors in
/// rank order and reduce-scatter leaves slice `r` on rank `r`. Two groups with the same devices
/// in another order are different groups (as two NCCL communicators would be).
public struct DeviceGroup: Hashable, Codable, Sendable, CustomStringConvertible {
  /// The members in rank order.
  public let devices: [DeviceID]

  /// Creates a group.
  ///
  /// - Precondition: `devices` is not empty and has no device twice.
  public init(_ devices: [DeviceID]) {
    precondition(!devices.isEmpty, "a device group needs at least one device")
    precondition(Set(devices).count == devices.count, "device group \(devices) repeats a device")
    self.devices = devices
  }

  /// Number of members.
  public var count: Int { devices.count }

  /// The rank of `device` in the group, or `nil` when it is not a member.
  public func rank(of device: DeviceID) -> Int? { devices.firstIndex(of: device) }

  /// `[d0,d4]`, the members in rank order.
  public var description: String { "[\(devices.map(\.description).joined(separator: ","))]" }
}
