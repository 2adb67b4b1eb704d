import ShardlineIR
import ShardlineImport
import ShardlineSharding
import Testing

@testable import ShardlineCLI

@Suite("sdy.sharding annotations on a logical mesh")
struct ArgumentShardingLogicalMeshTests {
  /// An annotation on mesh `axes` splitting each dimension over the named axes.
  private func annotation(_ axes: [(String, Int)], _ dimensions: [[String]]) -> ArgumentSharding {
    ArgumentSharding(
      argument: 0, node: NodeID(0), mesh: "mesh",
      meshAxes: axes.map { MeshAxis(name: $0.0, size: $0.1) }, dimensions: dimensions)
  }

  private let dataModel = [("data", 2), ("model", 4)]

  @Test(
    "a mesh of the same shape maps its axes in order",
    arguments: [
      ([[], ["model"]], "RS1"), ([["model"], []], "S1R"), ([["data"], []], "S0R"),
      ([["data", "model"]], "S01"), ([[]], "R"), ([["data"], ["model"]], "S0S1"),
    ] as [([[String]], String)])
  func sameShape(dimensions: [[String]], expected: String) throws {
    let spec = try annotation(dataModel, dimensions).spec(on: MeshShape(2, 4)).get()
    #expect(spec.description == expected)
  }

  @Test("a one-axis mesh of N devices maps onto the logical axis of N devices")
  func oneAxis() throws {
    let split = annotation([("batch", 8)], [["batch"], []])
    #expect(try split.spec(on: MeshShape(1, 8)).get().description == "S1R")
    #expect(try split.spec(on: MeshShape(8, 1)).get().description == "S0R")
    #expect(throws: AnnotationMismatch.self) { try split.spec(on: MeshShape(2, 4)).get() }
  }

  @Test("another mesh shape does not apply, and says why")
  func otherShape() {
    for mesh in [MeshShape(1, 8), MeshShape(4, 2), MeshShape(8, 1)] {
      let result = annotation(dataModel, [[], ["model"]]).spec(on: mesh)
      #expect(
        result
          == .failure(
            AnnotationMismatch(description: "the annotations' mesh is data=2×model=4")))
    }
  }

  @Test("a dimension split over axis 1 before axis 0 does not apply")
  func minorFirst() {
    let result = annotation(dataModel, [["model", "data"]]).spec(on: MeshShape(2, 4))
    #expect(
      result
        == .failure(
          AnnotationMismatch(
            description: "dimension 0 is split over model then data, minor axis first")))
  }
}
