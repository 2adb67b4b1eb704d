import ShardlineHardware
import Testing

@Suite("LogicalMesh")
struct LogicalMeshTests {
  private let twoHosts = SubmeshShape(hostCount: 2, devicesPerHost: 8)

  private func p3Host() throws -> HostProfile {
    try ClusterSpec.parse("p3.16xlarge:2").host
  }

  @Test("on p3.16xlarge:2 a 2×8 view's axis 0 crosses hosts and axis 1 stays on NVLink")
  func alpaTestbedAxes() throws {
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: 2, columns: 8), submesh: twoHosts, host: try p3Host())
    let across = mesh.axisCost(0)
    #expect(across.deviceCount == 2)
    #expect(across.crossesHosts)
    // One 25 Gb/s NIC shared by 8 GPUs.
    #expect(isClose(across.bandwidthBytesPerSecond, 3.125e9 / 8))
    #expect(across.latencySeconds == 50e-6)
    #expect(across.linkName == "25 Gb/s Ethernet")

    let within = mesh.axisCost(1)
    #expect(within.deviceCount == 8)
    #expect(!within.crossesHosts)
    #expect(isClose(within.bandwidthBytesPerSecond, 130e9))
    #expect(within.linkName == "NVLink2 (hybrid cube mesh)")
  }

  @Test("the whole 2×8 mesh is bounded by the network")
  func wholeMesh() throws {
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: 2, columns: 8), submesh: twoHosts, host: try p3Host())
    let whole = mesh.wholeMeshCost
    #expect(whole.deviceCount == 16)
    #expect(whole.crossesHosts)
    #expect(isClose(whole.bandwidthBytesPerSecond, 3.125e9 / 8))
    #expect(whole.latencySeconds == 50e-6)
  }

  @Test("in a 4×4 view of two hosts, axis 1 groups stay in a host and axis 0 groups span both")
  func fourByFour() throws {
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: 4, columns: 4), submesh: twoHosts, host: try p3Host())
    // Axis 1 groups: {0–3}, {4–7}, {8–11}, {12–15}. Axis 0 groups: {j, j+4, j+8, j+12}, two per host.
    #expect(!mesh.axisCost(1).crossesHosts)
    #expect(mesh.axisCost(0).crossesHosts)
    #expect(isClose(mesh.axisCost(0).bandwidthBytesPerSecond, 3.125e9 / 8))
  }

  @Test("a 1×16 view has a trivial axis 0 and a host-crossing axis 1")
  func flat() throws {
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: 1, columns: 16), submesh: twoHosts, host: try p3Host())
    #expect(mesh.axisCost(0).deviceCount == 1)
    #expect(mesh.axisCost(0).time(of: .allReduce, bytes: 1e9) == 0)
    #expect(mesh.axisCost(1).crossesHosts)
    #expect(mesh.axisCost(1).deviceCount == 16)
  }

  @Test("a submesh inside one host uses only the host link")
  func singleHost() throws {
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: 2, columns: 2),
      submesh: SubmeshShape(hostCount: 1, devicesPerHost: 4),
      host: try p3Host())
    for cost in [mesh.axisCost(0), mesh.axisCost(1), mesh.wholeMeshCost] {
      #expect(!cost.crossesHosts)
      #expect(isClose(cost.bandwidthBytesPerSecond, 130e9))
    }
  }

  @Test("collectives on a p3.16xlarge:2 2×8 view match hand-computed times")
  func alpaTestbedTimes() throws {
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: 2, columns: 8), submesh: twoHosts, host: try p3Host())
    // Axis 0: n = 2, β = 1 / 390.625e6 s/B, α = 50 µs; all-reduce of 1 GB:
    // 50e-6 + 2·(1/2)·1e9 / 390.625e6 = 50e-6 + 2.56 = 2.56005 s.
    #expect(isClose(mesh.axisCost(0).time(of: .allReduce, bytes: 1e9), 2.56005))
    // Axis 1: n = 8, β = 1 / 130e9 s/B, α = 5 µs; all-reduce of 1 GB:
    // 5e-6 + 2·(7/8)·1e9 / 130e9 = 5e-6 + 0.0134615385 = 0.0134665385 s.
    #expect(isClose(mesh.axisCost(1).time(of: .allReduce, bytes: 1e9), 5e-6 + 1.75 / 130))
  }

  @Test("the description names the view, the submesh and the hosts")
  func description() throws {
    let mesh = LogicalMesh(
      shape: LogicalMeshShape(rows: 2, columns: 8), submesh: twoHosts, host: try p3Host())
    #expect(mesh.description == "2×8 view of 2×8 on 8 × v100-sxm2-16gb")
  }
}
