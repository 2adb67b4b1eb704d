import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlinePlan
import ShardlineSharding
import Testing

@testable import ShardlineRuntime

@Suite("Cross-mesh transfers on the CPU backend")
struct CrossMeshTransferTests {
  /// Devices `range` as a `rows`×`columns` mesh holding the tensor as `spec`.
  static func placement(
    _ range: ClosedRange<Int>, _ rows: Int, _ columns: Int, _ spec: String
  ) -> MeshPlacement {
    MeshPlacement(
      devices: range.map(DeviceID.init(rawValue:)),
      shape: LogicalMeshShape(rows: rows, columns: columns), spec: ShardingSpec(parsing: spec)!)
  }

  static let cases: [(shape: [Int], source: MeshPlacement, destination: MeshPlacement)] = [
    ([1024, 64], placement(0...7, 1, 8, "RS1"), placement(8...15, 1, 8, "RR")),
    ([16, 24], placement(0...3, 2, 2, "S0S1"), placement(8...15, 2, 4, "S1S0")),
    ([24, 8], placement(0...5, 2, 3, "S01R"), placement(8...11, 1, 4, "RS1")),
    ([12, 6, 6], placement(0...1, 1, 2, "S1RR"), placement(4...9, 2, 3, "RS0S1")),
    ([8, 8], placement(0...3, 2, 2, "RR"), placement(8...11, 2, 2, "S01R")),
    ([], placement(0...1, 1, 2, ""), placement(8...11, 2, 2, "")),
  ]

  @Test("each destination device ends with its tile, whatever the two meshes and specs")
  func destinationsHoldTheirTiles() async throws {
    let cluster = try #require(ClusterSpec.preset(named: "p3.16xlarge", hostCount: 2))
    var sawAllGather = false
    for (shape, source, destination) in Self.cases {
      let type = TensorType(shape, .f32)
      let whole = RuntimeFixtures.ramp(shape, seed: 3)
      let route = CrossMeshResharding.route(type, from: source, to: destination, on: cluster)
      sawAllGather = sawAllGather || !route.allGatherAxes.isEmpty
      var programs: [DeviceProgram] = []
      var inputs: [DeviceID: [HostTensor]] = [:]
      for (position, device) in source.devices.enumerated() {
        var writer = DeviceProgramWriter(
          index: position, devices: source.devices, mesh: source.meshShape)
        let coordinate = [position / source.shape.columns, position % source.shape.columns]
        let shard = SPMDLowering.shard(
          whole, spec: source.spec, mesh: source.meshShape, coordinate: coordinate)
        inputs[device] = [shard]
        let buffer = writer.upload(0)
        writer.send(
          buffer, shard.type, route: route, sender: position, receivers: destination.devices,
          tag: 7, name: "x")
        programs.append(writer.program)
      }
      for position in destination.devices.indices {
        var writer = DeviceProgramWriter(
          index: position, devices: destination.devices, mesh: destination.meshShape)
        let tile = writer.receive(
          type, route: route, receiver: position, senders: source.devices, tag: 7,
          devices: destination.devices, name: "x")
        writer.download(tile)
        programs.append(writer.program)
      }
      let results = try await RuntimeFixtures.run(programs, inputs: inputs).get()
      for (position, device) in destination.devices.enumerated() {
        let coordinate = [
          position / destination.shape.columns, position % destination.shape.columns,
        ]
        let expected = SPMDLowering.shard(
          whole, spec: destination.spec, mesh: destination.meshShape, coordinate: coordinate)
        #expect(results[device] == [expected], "\(source) → \(destination) at \(device)")
      }
    }
    #expect(sawAllGather, "one case completes its tiles with the local all-gather")
  }
}
