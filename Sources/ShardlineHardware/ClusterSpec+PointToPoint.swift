/// Point-to-point links between devices of a cluster.
extension ClusterSpec {
  /// The α-β parameters of a transfer from `source` to `destination`, for
  /// ``CollectiveKind/sendRecv``: the intra-host link within a host, the sender's share of the
  /// network between hosts (see ``HostProfile/groupCost(deviceCount:hostsSpanned:maxDevicesOnOneHost:)``),
  /// and a one-device group (costing nothing) when both are the same device.
  public func pointToPointCost(from source: DeviceID, to destination: DeviceID) -> AxisCost {
    let mesh = physicalMesh
    precondition(source.rawValue < mesh.deviceCount && destination.rawValue < mesh.deviceCount)
    if source == destination {
      return host.groupCost(deviceCount: 1, hostsSpanned: 1, maxDevicesOnOneHost: 1)
    }
    let sameHost = mesh.host(of: source) == mesh.host(of: destination)
    return host.groupCost(
      deviceCount: 2, hostsSpanned: sameHost ? 1 : 2, maxDevicesOnOneHost: sameHost ? 2 : 1)
  }
}
