import ShardlineHardware
import ShardlineIR
import ShardlineSharding
import Testing

@testable import ShardlinePlan

@Suite("Cross-mesh routes")
struct CrossMeshRouteTests {
  typealias F = CrossMeshReshardingTests

  /// Source and destination placements on two p3.16xlarge hosts, with the tensor's shape.
  static let cases: [(shape: [Int], source: MeshPlacement, destination: MeshPlacement)] = [
    ([1024, 1024], F.placement(0...7, 1, 8, "RS1"), F.placement(8...15, 1, 8, "RR")),
    ([64, 96], F.placement(0...3, 2, 2, "S0S1"), F.placement(8...15, 2, 4, "S1S0")),
    ([64, 96], F.placement(0...5, 2, 3, "S01R"), F.placement(8...11, 1, 4, "RS1")),
    ([48, 16, 8], F.placement(0...1, 1, 2, "S1RR"), F.placement(4...9, 2, 3, "RS0S1")),
    ([7, 5], F.placement(0...2, 1, 3, "S1R"), F.placement(8...9, 2, 1, "RS0")),
    ([], F.placement(0...1, 1, 2, ""), F.placement(8...11, 2, 2, "")),
  ]

  @Test("every receiver's messages tile the box it receives, cut from tiles their senders hold")
  func messagesTileTheReceivedBoxes() {
    for (shape, source, destination) in Self.cases {
      let type = TensorType(shape, .f32)
      let route = CrossMeshResharding.route(
        type, from: source, to: destination, on: F.cluster(hosts: 2))
      let sourceTiling = CrossMeshTiling(sizes: shape, placement: source)
      for receiver in destination.devices.indices {
        let messages = route.messages(to: receiver)
        let received = route.receivedShapes[receiver]
        let covered = messages.reduce(0) { $0 + $1.shape.reduce(1, *) }
        #expect(covered == received.reduce(1, *), "\(source) → \(destination), d\(receiver)")
        for message in messages {
          let tile = sourceTiling.shards(ofTile: sourceTiling.tileOfDevice[message.sender])
            .enumerated().map { sourceTiling.interval(dimension: $0, shard: $1).count }
          for dimension in shape.indices {
            #expect(message.sourceStart[dimension] + message.shape[dimension] <= tile[dimension])
            #expect(
              message.destinationStart[dimension] + message.shape[dimension]
                <= received[dimension])
          }
        }
        let starts = shape.indices.map { dimension in
          Set(messages.map { $0.destinationStart[dimension] }).count
        }
        #expect(starts.reduce(1, *) == messages.count, "the starts form a grid")
      }
    }
  }

  @Test("a route moves the bytes its transfer prices, with the transfer's all-gather")
  func routeMatchesTheTransfer() {
    for (shape, source, destination) in Self.cases {
      let type = TensorType(shape, .f32)
      let cluster = F.cluster(hosts: 2)
      let route = CrossMeshResharding.route(type, from: source, to: destination, on: cluster)
      let transfer = CrossMeshResharding.transfer(
        type, from: source, to: destination, on: cluster)
      let bytes = route.messages.reduce(0) { $0 + $1.shape.reduce(4, *) }
      #expect(Double(bytes) == transfer.bytes, "\(source) → \(destination)")
      #expect(route.allGatherAxes == transfer.allGatherAxes)
    }
  }

  @Test("with the local all-gather each receiver gets its 1/8 slice from every sender")
  func allGatherSlices() throws {
    let route = CrossMeshResharding.route(
      F.type, from: F.placement(0...7, 1, 8, "RS1"), to: F.placement(8...15, 1, 8, "RR"),
      on: F.cluster(hosts: 2))
    #expect(route.allGatherAxes == [1])
    let dimension = try #require(route.allGatherDimension)
    #expect(dimension == 0)
    for receiver in 0..<8 {
      #expect(route.receivedShapes[receiver] == [128, 1024])
      let messages = route.messages(to: receiver)
      #expect(messages.map(\.sender) == Array(0..<8))
      #expect(
        messages.allSatisfy { $0.shape == [128, 128] && $0.sourceStart == [128 * receiver, 0] })
    }
  }

  @Test("when no dimension of the tile divides among the group, receivers get whole tiles")
  func allGatherFallsBackToWholeTiles() throws {
    // 7 × 1023 does not split 8 ways: the transfer's all-gather cannot be carried out.
    let type = TensorType([7, 1023], .f32)
    let (source, destination) = (F.placement(0...0, 1, 1, "RR"), F.placement(8...15, 1, 8, "RR"))
    let transfer = CrossMeshResharding.transfer(
      type, from: source, to: destination, on: F.cluster(hosts: 2))
    try #require(transfer.allGatherAxes == [1])
    let route = CrossMeshResharding.route(
      type, from: source, to: destination, on: F.cluster(hosts: 2))
    #expect(route.allGatherAxes.isEmpty && route.allGatherDimension == nil)
    #expect(route.receivedShapes.allSatisfy { $0 == [7, 1023] })
  }
}
