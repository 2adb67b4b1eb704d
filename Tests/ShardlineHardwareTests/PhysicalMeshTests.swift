import ShardlineHardware
import Testing

@Suite("PhysicalMesh")
struct PhysicalMeshTests {
  @Test("devices are numbered host-major")
  func hostMajor() {
    let mesh = PhysicalMesh(hostCount: 2, devicesPerHost: 8)
    #expect(mesh.deviceIDs == (0..<16).map(DeviceID.init(rawValue:)))
    #expect(mesh.deviceID(host: 1, localIndex: 3) == DeviceID(11))
    #expect(mesh.host(of: DeviceID(11)) == 1)
    #expect(mesh.localIndex(of: DeviceID(11)) == 3)
    #expect(DeviceID(11).description == "d11")
  }

  @Test("the submesh shapes of an 8 × 8 cluster are exactly Alpa's list")
  func alpaShapes() {
    let shapes = PhysicalMesh(hostCount: 8, devicesPerHost: 8).submeshShapes
    let expected = [
      (1, 1), (1, 2), (1, 4), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (6, 8), (7, 8), (8, 8),
    ]
    #expect(shapes == expected.map { SubmeshShape(hostCount: $0.0, devicesPerHost: $0.1) })
  }

  @Test("a host width that is not a power of two is itself a shape")
  func oddWidth() {
    let shapes = PhysicalMesh(hostCount: 2, devicesPerHost: 6).submeshShapes
    #expect(shapes.map(\.description) == ["1×1", "1×2", "1×4", "1×6", "2×6"])
  }

  @Test("stage submeshes filling an 8 × 8 cluster tile it with disjoint devices of the right shape")
  func tiling() throws {
    let mesh = PhysicalMesh(hostCount: 8, devicesPerHost: 8)
    let shapes = mesh.submeshShapes
    for shape in shapes {
      // `shape` as often as it fits, the rest filled greedily with the largest shapes that fit.
      var chosen = Array(repeating: shape, count: mesh.deviceCount / shape.deviceCount)
      var remaining = mesh.deviceCount - chosen.count * shape.deviceCount
      while remaining > 0 {
        let filler = try #require(shapes.last { $0.deviceCount <= remaining })
        chosen.append(filler)
        remaining -= filler.deviceCount
      }
      let placements = try #require(mesh.place(chosen.reversed()))
      #expect(Set(placements.joined()) == Set(mesh.deviceIDs))
      #expect(placements.joined().count == mesh.deviceCount)
      for (placed, expected) in zip(placements, chosen.reversed()) {
        let hosts = Dictionary(grouping: placed, by: mesh.host(of:))
        #expect(hosts.count == expected.hostCount)
        #expect(hosts.values.allSatisfy { $0.count == expected.devicesPerHost })
      }
    }
  }

  @Test("submeshes that need more devices than the cluster has are not placed")
  func overfull() {
    let mesh = PhysicalMesh(hostCount: 2, devicesPerHost: 8)
    #expect(
      mesh.place([
        SubmeshShape(hostCount: 2, devicesPerHost: 8),
        SubmeshShape(hostCount: 1, devicesPerHost: 1),
      ]) == nil)
    #expect(
      mesh.place(Array(repeating: SubmeshShape(hostCount: 1, devicesPerHost: 4), count: 5)) == nil)
  }

  @Test("single-host submeshes are packed largest first after the whole-host ones")
  func placementOrder() throws {
    let mesh = PhysicalMesh(hostCount: 2, devicesPerHost: 4)
    let placed = try #require(
      mesh.place([
        SubmeshShape(hostCount: 1, devicesPerHost: 1),
        SubmeshShape(hostCount: 1, devicesPerHost: 2),
        SubmeshShape(hostCount: 1, devicesPerHost: 4),
        SubmeshShape(hostCount: 1, devicesPerHost: 1),
      ]))
    // (1, 4) is a whole host: host 0. Then (1, 2) at d4–d5, then the two (1, 1) at d6 and d7.
    #expect(placed.map { $0.map(\.rawValue) } == [[6], [4, 5], [0, 1, 2, 3], [7]])
  }
}

@Suite("Contiguous placement")
struct ContiguousPlacementTests {
  @Test("stages placed in order share hosts; a gap before a whole-host shape is refused")
  func contiguous() throws {
    let mesh = PhysicalMesh(hostCount: 2, devicesPerHost: 8)
    let shapes = [
      SubmeshShape(hostCount: 1, devicesPerHost: 4), SubmeshShape(hostCount: 1, devicesPerHost: 4),
      SubmeshShape(hostCount: 1, devicesPerHost: 8),
    ]
    let placed = try #require(mesh.placeContiguously(shapes))
    #expect(placed.map { $0.map(\.rawValue) } == [[0, 1, 2, 3], [4, 5, 6, 7], Array(8..<16)])
    let gap = [
      SubmeshShape(hostCount: 1, devicesPerHost: 4), SubmeshShape(hostCount: 1, devicesPerHost: 8),
      SubmeshShape(hostCount: 1, devicesPerHost: 4),
    ]
    #expect(mesh.placeContiguously(gap) == nil)
    #expect(mesh.place(gap) != nil, "the general placement still tiles it")
  }
}
