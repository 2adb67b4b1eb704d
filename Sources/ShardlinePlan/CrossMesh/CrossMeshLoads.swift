import ShardlineHardware

/// What one routing of a transfer puts on each link, and the time that implies.
///
/// The time model: all point-to-point messages run at once; each device's sends are serialized on
/// its outgoing link and its receives on its incoming link, each message costing α + β·B with
/// α and β from ``ClusterSpec/pointToPointCost(from:to:)`` (one NIC per message across hosts); the
/// bytes a host sends to (or receives from) other hosts, over all its concurrent messages, share
/// that host's total network bandwidth (``NetworkProfile/hostBandwidthBytesPerSecond``, all its
/// NICs). The transfer ends when the busiest of these queues drains.
struct CrossMeshLoads {
  /// Busy time of each source device's outgoing link, in seconds, by source position.
  var sendSeconds: [Double]
  /// Busy time of each destination device's incoming link, in seconds, by destination position.
  var receiveSeconds: [Double]
  /// Bytes each destination device receives from other devices, by destination position.
  var receivedBytes: [Double]
  /// Bytes each destination device needs and already holds as a source, by destination position.
  var localBytes: [Double]
  /// Bytes each host sends to other hosts, by cluster host.
  var hostSentBytes: [Double]
  /// Bytes each host receives from other hosts, by cluster host.
  var hostReceivedBytes: [Double]
  /// Bytes sent over all messages.
  var bytes: Double = 0
  /// Messages sent.
  var messageCount = 0
  /// One host's total network bandwidth (all its NICs), in bytes per second.
  let hostNetworkBytesPerSecond: Double

  /// Empty loads for `sourceCount` senders and `destinationCount` receivers on `cluster`.
  init(sourceCount: Int, destinationCount: Int, cluster: ClusterSpec) {
    sendSeconds = Array(repeating: 0, count: sourceCount)
    receiveSeconds = Array(repeating: 0, count: destinationCount)
    receivedBytes = Array(repeating: 0, count: destinationCount)
    localBytes = Array(repeating: 0, count: destinationCount)
    hostSentBytes = Array(repeating: 0, count: cluster.hostCount)
    hostReceivedBytes = Array(repeating: 0, count: cluster.hostCount)
    hostNetworkBytesPerSecond = cluster.host.network.hostBandwidthBytesPerSecond
  }

  /// Records a message of `bytes` from source position `sender` on host `senderHost` to
  /// destination position `receiver` on host `receiverHost`, over a link of α `latencySeconds`
  /// and β `secondsPerByte`.
  mutating func send(
    _ bytes: Double, from sender: Int, senderHost: Int, to receiver: Int, receiverHost: Int,
    latencySeconds: Double, secondsPerByte: Double
  ) {
    let seconds = latencySeconds + secondsPerByte * bytes
    sendSeconds[sender] += seconds
    receiveSeconds[receiver] += seconds
    receivedBytes[receiver] += bytes
    if senderHost != receiverHost {
      hostSentBytes[senderHost] += bytes
      hostReceivedBytes[receiverHost] += bytes
    }
    self.bytes += bytes
    messageCount += 1
  }

  /// Records `bytes` that destination position `receiver` already holds.
  mutating func keep(_ bytes: Double, at receiver: Int) {
    localBytes[receiver] += bytes
  }

  /// The time until every queue drains, in seconds: the largest device send or receive time and
  /// host network time.
  var seconds: Double {
    let devices = max(sendSeconds.max() ?? 0, receiveSeconds.max() ?? 0)
    let hostBytes = max(hostSentBytes.max() ?? 0, hostReceivedBytes.max() ?? 0)
    return max(devices, hostBytes / hostNetworkBytesPerSecond)
  }
}
