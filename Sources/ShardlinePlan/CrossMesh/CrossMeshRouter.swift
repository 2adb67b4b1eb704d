import ShardlineHardware
import ShardlineIR

/// Chooses a sender for every piece a destination device needs, and totals the loads.
///
/// A receiver that is itself a source device holding the piece keeps it for free. Otherwise the
/// piece comes from one of the source devices holding it: one on the receiver's host if there is
/// one, else any; among those, the one with the least send time so far, the first in the source's
/// logical order on ties. Pieces are visited in a fixed order (destination tiles, their pieces,
/// then the tile's holders in logical order), so the routing is deterministic. This is the greedy
/// sender load balancing of Zhuang et al. (MLSys 2023), without their broadcasts.
struct CrossMeshRouter {
  /// The tiling of the source placement.
  let sourceTiling: CrossMeshTiling
  /// The tiling of the destination placement.
  let destinationTiling: CrossMeshTiling
  /// Every destination tile's overlaps with the source tiles.
  let pieces: CrossMeshPieces
  /// Bytes per element.
  let elementBytes: Double
  /// The source devices.
  let sourceDevices: [DeviceID]
  /// The destination devices.
  let destinationDevices: [DeviceID]
  /// The host of each source device, by source position.
  let sourceHosts: [Int]
  /// The host of each destination device, by destination position.
  let destinationHosts: [Int]
  /// The source position of each destination device, or -1 if it is not a source device.
  let sourcePositionOfReceiver: [Int]
  /// The cluster whose links price the messages.
  let cluster: ClusterSpec

  /// Prepares the routing of `type` from `source` to `destination` on `cluster`.
  init(
    _ type: TensorType, from source: MeshPlacement, to destination: MeshPlacement,
    on cluster: ClusterSpec
  ) {
    let deviceCount = cluster.deviceCount
    precondition(
      (source.devices + destination.devices).allSatisfy { (0..<deviceCount).contains($0.rawValue) },
      "a placement names a device outside \(cluster.name) × \(cluster.hostCount)")
    sourceTiling = CrossMeshTiling(sizes: type.shape, placement: source)
    destinationTiling = CrossMeshTiling(sizes: type.shape, placement: destination)
    pieces = CrossMeshPieces(source: sourceTiling, destination: destinationTiling)
    elementBytes = Double(type.dtype.byteSize)
    sourceDevices = source.devices
    destinationDevices = destination.devices
    let devicesPerHost = cluster.host.devicesPerHost
    sourceHosts = source.devices.map { $0.rawValue / devicesPerHost }
    destinationHosts = destination.devices.map { $0.rawValue / devicesPerHost }
    var positions = [Int](repeating: -1, count: deviceCount)
    for (position, device) in source.devices.enumerated() { positions[device.rawValue] = position }
    sourcePositionOfReceiver = destination.devices.map { positions[$0.rawValue] }
    self.cluster = cluster
  }

  /// α and β of the two kinds of link a message can take, asked of the cluster once each.
  ///
  /// ``ClusterSpec/pointToPointCost(from:to:)`` depends only on whether the two devices share a
  /// host; copying an `AxisCost`, which holds a string, costs reference counting.
  struct LinkCosts {
    var intraHost: (latencySeconds: Double, secondsPerByte: Double)?
    var interHost: (latencySeconds: Double, secondsPerByte: Double)?
  }

  /// Routes every piece, each receiver getting 1/`sliceCount` of every piece its tile needs (1:
  /// the whole tile; r: its share before an all-gather among r devices).
  ///
  /// - Complexity: O(pieces · r · h) for tiles held by r destination devices and pieces held by h
  ///   source devices.
  func route(sliceCount: Int) -> CrossMeshLoads {
    var loads = CrossMeshLoads(
      sourceCount: sourceDevices.count, destinationCount: destinationDevices.count,
      cluster: cluster)
    var links = LinkCosts()
    let slices = Double(sliceCount)
    for tile in 0..<destinationTiling.tileCount {
      let receivers = destinationTiling.holders[tile]
      for piece in pieces.pieces(ofTile: tile) {
        let bytes = Double(pieces.elements[piece]) * elementBytes / slices
        for receiver in receivers {
          deliver(
            bytes, of: pieces.sourceTile[piece], to: receiver, loads: &loads, links: &links)
        }
      }
    }
    return loads
  }

  /// Records `bytes` of source tile `sourceTile` reaching destination position `receiver`: kept
  /// when the receiver is a source device holding that tile, otherwise sent by the holder this
  /// routing prefers (see the type's description).
  ///
  /// - Returns: The source position of the sender, or `nil` when the receiver keeps the bytes.
  @discardableResult
  func deliver(
    _ bytes: Double, of sourceTile: Int, to receiver: Int, loads: inout CrossMeshLoads,
    links: inout LinkCosts
  ) -> Int? {
    let own = sourcePositionOfReceiver[receiver]
    if own >= 0 && sourceTiling.tileOfDevice[own] == sourceTile {
      loads.keep(bytes, at: receiver)
      return nil
    }
    let senders = sourceTiling.holders[sourceTile]
    let receiverHost = destinationHosts[receiver]
    var best = senders[0]
    var bestIsLocal = sourceHosts[best] == receiverHost
    for sender in senders.dropFirst() {
      let isLocal = sourceHosts[sender] == receiverHost
      if (isLocal && !bestIsLocal)
        || (isLocal == bestIsLocal && loads.sendSeconds[sender] < loads.sendSeconds[best])
      {
        best = sender
        bestIsLocal = isLocal
      }
    }
    let link: (latencySeconds: Double, secondsPerByte: Double)
    if let cached = bestIsLocal ? links.intraHost : links.interHost {
      link = cached
    } else {
      let cost = cluster.pointToPointCost(
        from: sourceDevices[best], to: destinationDevices[receiver])
      link = (cost.latencySeconds, cost.secondsPerByte)
      if bestIsLocal { links.intraHost = link } else { links.interHost = link }
    }
    loads.send(
      bytes, from: best, senderHost: sourceHosts[best], to: receiver,
      receiverHost: receiverHost, latencySeconds: link.latencySeconds,
      secondsPerByte: link.secondsPerByte)
    return best
  }
}
