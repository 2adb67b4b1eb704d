/// The α-β parameters of device groups on a host's links.
extension HostProfile {
  /// The α-β parameters of a group of `deviceCount` devices on hosts like this one.
  ///
  /// A group inside one host uses the intra-host link. A group spanning hosts uses each device's
  /// share of the network (``networkBandwidthPerDeviceBytesPerSecond``), since every device of a
  /// host communicates at once; if it also has several devices on a host, its ring runs over both
  /// links and the slower one bounds it (bandwidth = min, latency = max). Giving each device only
  /// its share is conservative for collectives that cross hosts on few ring edges, and exact for
  /// the data-parallel all-reduce across hosts that dominates multi-host plans.
  ///
  /// - Parameters:
  ///   - deviceCount: Devices in the group (n).
  ///   - hostsSpanned: Hosts the group has devices on.
  ///   - maxDevicesOnOneHost: The most devices the group has on any one host.
  public func groupCost(deviceCount: Int, hostsSpanned: Int, maxDevicesOnOneHost: Int) -> AxisCost {
    guard hostsSpanned > 1 else {
      return AxisCost(
        deviceCount: deviceCount, latencySeconds: intraHostLink.latencySeconds,
        secondsPerByte: 1 / intraHostLink.bandwidthBytesPerSecond, crossesHosts: false,
        linkName: intraHostLink.name)
    }
    var bandwidth = networkBandwidthPerDeviceBytesPerSecond
    var latency = network.latencySeconds
    var linkName = network.name
    if maxDevicesOnOneHost > 1 {
      if intraHostLink.bandwidthBytesPerSecond < bandwidth {
        bandwidth = intraHostLink.bandwidthBytesPerSecond
        linkName = intraHostLink.name
      }
      latency = max(latency, intraHostLink.latencySeconds)
    }
    return AxisCost(
      deviceCount: deviceCount, latencySeconds: latency, secondsPerByte: 1 / bandwidth,
      crossesHosts: true, linkName: linkName)
  }
}
