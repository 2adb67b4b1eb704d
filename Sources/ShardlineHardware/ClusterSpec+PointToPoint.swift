/// Point-to-point links between devices of a cluster.
extension ClusterSpec {
  /// The α-β parameters of a transfer from `source` to `destination`, for
  /// ``CollectiveKind/sendRecv``: the intra-host link within a host, one NIC between hosts (a
  /// single message is not split across NICs; callers that send many at once, such as
  /// cross-mesh resharding, bound them by the host's total network bandwidth), and a one-device
  /// group (costing nothing) when both are the same device.
  public func pointToPointCost(from source: DeviceID, to destination: DeviceID) -> AxisCost {
    let mesh = physicalMesh
    precondition(source.rawValue < mesh.deviceCount && destination.rawValue < mesh.deviceCount)
    if source == destination {
      return host.groupCost(deviceCount: 1, hostsSpanned: 1, maxDevicesOnOneHost: 1)
    }
    guard mesh.host(of: source) != mesh.host(of: destination) else {
      return host.groupCost(deviceCount: 2, hostsSpanned: 1, maxDevicesOnOneHost: 2)
    }
    let network = host.network
    return AxisCost(
      deviceCount: 2, latencySeconds: network.latencySeconds,
      secondsPerByte: 1 / network.nicBandwidthBytesPerSecond, crossesHosts: true,
      linkName: network.name)
  }
}
