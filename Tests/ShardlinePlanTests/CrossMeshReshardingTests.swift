import ShardlineHardware
import ShardlineIR
import ShardlineSharding
import Testing

@testable import ShardlinePlan

/// Link numbers of p3.16xlarge, which every expected time below is built from: NVLink2 at
/// 130 GB/s with α = 5 µs inside a host; across hosts one message gets one 25 Gb/s NIC,
/// 3.125e9 B/s, with α = 50 µs, and the host's one NIC (3.125e9 B/s in all) is shared by all the
/// bytes its devices send to (or receive from) other hosts at once.
@Suite("Cross-mesh resharding")
struct CrossMeshReshardingTests {
  /// f32[1024,1024]: 4 MiB = 4,194,304 bytes.
  static let type = TensorType([1024, 1024], .f32)
  static let bytes = 4_194_304.0
  static let intraAlpha = 5e-6
  static let intraBeta = 1 / 130e9
  static let interAlpha = 50e-6
  static let interBeta = 1 / 3.125e9
  /// One host's total network bandwidth: 1 NIC × 3.125e9 B/s.
  static let hostBandwidth = 3.125e9

  /// A p3.16xlarge cluster of `hosts` hosts.
  static func cluster(hosts: Int) -> ClusterSpec {
    ClusterSpec.preset(named: "p3.16xlarge", hostCount: hosts)!
  }

  /// Devices `range` laid out as a `rows`×`columns` mesh holding the tensor as `spec`.
  static func placement(
    _ range: ClosedRange<Int>, _ rows: Int, _ columns: Int, _ spec: String
  ) -> MeshPlacement {
    MeshPlacement(
      devices: range.map(DeviceID.init(rawValue:)),
      shape: LogicalMeshShape(rows: rows, columns: columns), spec: ShardingSpec(parsing: spec)!)
  }

  /// Whether `actual` equals `expected` up to a relative error of 1e-9 (the hand arithmetic adds
  /// in another order).
  static func isClose(_ actual: Double, _ expected: Double) -> Bool {
    abs(actual - expected) <= 1e-9 * max(abs(expected), 1e-300)
  }

  @Test("a replicated tensor moves between two devices of a host at α + B·β of the host link")
  func oneToOneWithinHost() {
    let transfer = CrossMeshResharding.transfer(
      Self.type, from: Self.placement(0...0, 1, 1, "RR"), to: Self.placement(1...1, 1, 1, "RR"),
      on: Self.cluster(hosts: 1))
    // 5 µs + 4,194,304 B / 130 GB/s = 5 µs + 32.26 µs.
    #expect(Self.isClose(transfer.seconds, Self.intraAlpha + Self.bytes * Self.intraBeta))
    #expect(transfer.bytes == Self.bytes)
    #expect(transfer.messageCount == 1)
    #expect(!transfer.usesLocalAllGather)
  }

  @Test("a replicated tensor moves between hosts at α + B·β of one NIC")
  func oneToOneAcrossHosts() {
    let cluster = Self.cluster(hosts: 2)
    let transfer = CrossMeshResharding.transfer(
      Self.type, from: Self.placement(0...0, 1, 1, "RR"), to: Self.placement(8...8, 1, 1, "RR"),
      on: cluster)
    // One message on one NIC: 50 µs + 4,194,304 B / 3.125e9 B/s = 50 µs + 1.342 ms = 1.392 ms,
    // the cluster's own price (host 0's network carries the same 4 MiB in 1.342 ms, less). The old
    // per-device share, 3.125e9 / 8, would have given 50 µs + 10.737 ms.
    #expect(Self.isClose(transfer.seconds, Self.interAlpha + Self.bytes * Self.interBeta))
    let pointToPoint = cluster.pointToPointCost(from: DeviceID(0), to: DeviceID(8))
    #expect(Self.isClose(transfer.seconds, pointToPoint.time(of: .sendRecv, bytes: Self.bytes)))
  }

  @Test("the same placement costs nothing")
  func samePlacement() {
    for spec in ["RR", "S0S1", "S01R", "RS0"] {
      let placement = Self.placement(0...7, 2, 4, spec)
      let transfer = CrossMeshResharding.transfer(
        Self.type, from: placement, to: placement, on: Self.cluster(hosts: 1))
      #expect(transfer == .free)
      // Routing it anyway finds every piece already in place.
      let direct = CrossMeshResharding.alternatives(
        Self.type, from: placement, to: placement, on: Self.cluster(hosts: 1))[0]
      #expect(direct.bytes == 0 && direct.seconds == 0 && direct.messageCount == 0)
    }
  }

  @Test("identical tilings on disjoint meshes move the tensor's bytes exactly once")
  func identicalTilingOnDisjointMeshes() {
    let transfer = CrossMeshResharding.transfer(
      Self.type, from: Self.placement(0...7, 2, 4, "S0S1"),
      to: Self.placement(8...15, 2, 4, "S0S1"), on: Self.cluster(hosts: 2))
    #expect(transfer.bytes == Self.bytes)
    #expect(transfer.messageCount == 8)
    // Each device sends its 524,288 B tile to its counterpart on the other host, each on one
    // NIC: 50 µs + 524,288 / 3.125e9 = 50 µs + 0.168 ms = 0.218 ms per device queue. But the 8
    // messages run at once through host 0's one NIC: 8 × 524,288 = 4 MiB / 3.125e9 = 1.342 ms,
    // which bounds the transfer. Moving any byte twice would show here as more than 4 MiB.
    let perDevice = Self.interAlpha + Self.bytes / 8 * Self.interBeta
    #expect(Self.isClose(transfer.seconds, Self.bytes / Self.hostBandwidth))
    #expect(transfer.seconds > perDevice)
  }

  @Test("S0 to S1 on the same two devices moves half the tensor, on two others all of it")
  func rowsToColumns() {
    let cluster = Self.cluster(hosts: 1)
    let quarter = Self.bytes / 4
    // Rows split over 2 devices → columns split over the same 2: each device keeps the quarter
    // it holds and receives the other quarter of its columns, 2 × 1 MiB = B/2 in all. The time,
    // 5 µs + 1 MiB / 130 GB/s, is that of the intra-mesh all-to-all with n = 2:
    // α + β·(n−1)/n²·B·n/2 = α + β·B/4.
    let sameDevices = CrossMeshResharding.transfer(
      Self.type, from: Self.placement(0...1, 1, 2, "S1R"), to: Self.placement(0...1, 1, 2, "RS1"),
      on: cluster)
    #expect(sameDevices.bytes == Self.bytes / 2)
    #expect(sameDevices.messageCount == 2)
    #expect(Self.isClose(sameDevices.seconds, Self.intraAlpha + quarter * Self.intraBeta))
    // On devices 2 and 3 every receiver needs a quarter from each sender: B in 4 messages, and
    // each device sends (and receives) two: 2 × (5 µs + 1 MiB / 130 GB/s).
    let otherDevices = CrossMeshResharding.transfer(
      Self.type, from: Self.placement(0...1, 1, 2, "S1R"), to: Self.placement(2...3, 1, 2, "RS1"),
      on: cluster)
    #expect(otherDevices.bytes == Self.bytes)
    #expect(otherDevices.messageCount == 4)
    #expect(Self.isClose(otherDevices.seconds, 2 * (Self.intraAlpha + quarter * Self.intraBeta)))
  }

  @Test("a replicated source spreads the sends over its replicas")
  func balancesSenders() {
    // Every one of d0…d7 holds the tensor; d8…d15 each need one 512 KiB column block. One
    // message per sender: 50 µs + 524,288 / 3.125e9 = 0.218 ms on each device's queue.
    let source = Self.placement(0...7, 1, 8, "RR")
    let destination = Self.placement(8...15, 1, 8, "RS1")
    let cluster = Self.cluster(hosts: 2)
    let perMessage = Self.interAlpha + Self.bytes / 8 * Self.interBeta
    let loads = CrossMeshRouter(Self.type, from: source, to: destination, on: cluster)
      .route(sliceCount: 1)
    #expect(loads.sendSeconds.allSatisfy { Self.isClose($0, perMessage) })
    // Host 0's one NIC carries all 4 MiB either way, 4 MiB / 3.125e9 = 1.342 ms, which bounds
    // the spread transfer; sending all 8 blocks from d0 would serialize them on its queue:
    // 8 × 0.218 ms = 1.742 ms.
    let transfer = CrossMeshResharding.transfer(
      Self.type, from: source, to: destination, on: cluster)
    #expect(transfer.messageCount == 8)
    #expect(Self.isClose(transfer.seconds, Self.bytes / Self.hostBandwidth))
    #expect(transfer.seconds < 8 * perMessage)
  }

  @Test("a sender on the receiver's host is preferred to one across the network")
  func prefersSameHost() {
    // d0 (host 0) and d8 (host 1) both hold the tensor; d9 on host 1 gets it from d8 over NVLink.
    let source = MeshPlacement(
      devices: [DeviceID(0), DeviceID(8)], shape: LogicalMeshShape(rows: 2, columns: 1),
      spec: ShardingSpec(parsing: "RR")!)
    for receiver in [1, 9] {
      let transfer = CrossMeshResharding.transfer(
        Self.type, from: source, to: Self.placement(receiver...receiver, 1, 1, "RR"),
        on: Self.cluster(hosts: 2))
      #expect(Self.isClose(transfer.seconds, Self.intraAlpha + Self.bytes * Self.intraBeta))
    }
  }

  @Test(
    "without all-gather every destination byte arrives exactly once",
    arguments: [
      ("S0R", 2, 4, 0...7, "RS01", 4, 2, 8...15),
      ("S01R", 2, 4, 0...7, "S1S0", 2, 4, 4...11),
      ("RS1", 1, 4, 0...3, "S0R", 4, 2, 0...7),
      ("RR", 2, 2, 0...3, "S1S0", 2, 2, 2...5),
    ])
  func conservation(
    sourceSpec: String, sourceRows: Int, sourceColumns: Int, sourceDevices: ClosedRange<Int>,
    destinationSpec: String, destinationRows: Int, destinationColumns: Int,
    destinationDevices: ClosedRange<Int>
  ) {
    // Uneven sizes: 6 rows over 4 shards are blocks of 2, 2, 2, 0; 10 columns over 8 are 2 × 5
    // then empty ones.
    let type = TensorType([6, 10], .f16)
    let source = Self.placement(sourceDevices, sourceRows, sourceColumns, sourceSpec)
    let destination = Self.placement(
      destinationDevices, destinationRows, destinationColumns, destinationSpec)
    let cluster = Self.cluster(hosts: 2)
    let loads = CrossMeshRouter(type, from: source, to: destination, on: cluster)
      .route(sliceCount: 1)
    for (position, _) in destination.devices.enumerated() {
      let needed = Double(Self.elementsHeld(by: position, of: type.shape, in: destination) * 2)
      #expect(loads.receivedBytes[position] + loads.localBytes[position] == needed)
    }
    let transfer = CrossMeshResharding.alternatives(
      type, from: source, to: destination, on: cluster)[0]
    #expect(transfer.bytes == loads.receivedBytes.reduce(0, +))
  }

  /// Elements of a tensor of `sizes` that device `position` of `placement` holds, counted one by
  /// one from the tiling rule (dimension split over k devices in blocks of ⌈size/k⌉).
  static func elementsHeld(by position: Int, of sizes: [Int], in placement: MeshPlacement) -> Int {
    let (row, column) = (position / placement.shape.columns, position % placement.shape.columns)
    var count = 0
    var index = [Int](repeating: 0, count: sizes.count)
    outer: while true {
      var held = true
      for (dimension, dim) in placement.spec.dims.enumerated() {
        let (shards, shard) =
          switch dim {
          case .replicated: (1, 0)
          case .axis0: (placement.shape.rows, row)
          case .axis1: (placement.shape.columns, column)
          case .both: (placement.shape.deviceCount, row * placement.shape.columns + column)
          }
        let block = (sizes[dimension] + shards - 1) / shards
        if index[dimension] / block != shard { held = false }
      }
      if held { count += 1 }
      for dimension in sizes.indices.reversed() {
        index[dimension] += 1
        if index[dimension] < sizes[dimension] { continue outer }
        index[dimension] = 0
      }
      return count
    }
  }

  @Test("the same inputs give the same transfer")
  func determinism() {
    let source = Self.placement(0...7, 2, 4, "S0R")
    let destination = Self.placement(8...23, 2, 8, "RS1")
    let cluster = Self.cluster(hosts: 3)
    let first = CrossMeshResharding.alternatives(
      Self.type, from: source, to: destination, on: cluster)
    for _ in 0..<3 {
      #expect(
        CrossMeshResharding.alternatives(Self.type, from: source, to: destination, on: cluster)
          == first)
    }
  }
}
