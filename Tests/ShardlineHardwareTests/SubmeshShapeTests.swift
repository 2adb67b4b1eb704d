import ShardlineHardware
import Testing

@Suite("SubmeshShape")
struct SubmeshShapeTests {
  @Test("a 2 × 8 submesh has the logical shapes 1×16, 2×8, 4×4, 8×2 and 16×1")
  func logicalShapesOf2x8() {
    let shapes = SubmeshShape(hostCount: 2, devicesPerHost: 8).logicalShapes
    #expect(shapes.map(\.description) == ["1×16", "2×8", "4×4", "8×2", "16×1"])
  }

  @Test("a single device has only the 1×1 view")
  func singleDevice() {
    #expect(
      SubmeshShape(hostCount: 1, devicesPerHost: 1).logicalShapes == [
        LogicalMeshShape(rows: 1, columns: 1)
      ])
  }

  @Test("every logical shape has as many devices as the submesh")
  func shapesCoverSubmesh() {
    let submesh = SubmeshShape(hostCount: 3, devicesPerHost: 8)
    #expect(submesh.logicalShapes.count == 8)  // divisors of 24: 1, 2, 3, 4, 6, 8, 12, 24
    #expect(submesh.logicalShapes.allSatisfy { $0.deviceCount == 24 })
  }

  @Test("logical meshes carry the host's links")
  func logicalMeshes() throws {
    let host = try #require(ClusterSpec.preset(named: "dgx-h100")).host
    let meshes = SubmeshShape(hostCount: 1, devicesPerHost: 4).logicalMeshes(on: host)
    #expect(meshes.map(\.shape.description) == ["1×4", "2×2", "4×1"])
    #expect(meshes.allSatisfy { $0.host == host })
  }
}
