import ShardlineIR
import Testing

@testable import ShardlineImport

@Suite struct NamingAndShardingTests {
  @Test("nodes are named from debug names without jit prefixes, uniquely; arguments by key path")
  func names() throws {
    let s = ModuleSketch()
    let x = s.argument("2xf32", debugName: "params['w1']")
    let y = s.argument("2xf32")
    let a = s.op(
      "stablehlo.exponential", [x], "2xf32", debugName: "jit(step)/jit(main)/mlp/exp")
    let b = s.op("stablehlo.exponential", [a], "2xf32", debugName: "jit(step)/jit(main)/mlp/exp")
    let c = s.op("stablehlo.add", [b, y], "2xf32")
    s.returns([c], ["2xf32"])
    let graph = try StableHLOImporter.importModule(s.module()).graph
    #expect(graph.nodes.map(\.name) == ["params.w1", "arg1", "mlp/exp", "mlp/exp#2", "add.2"])
    #expect(graph.name == "step")
  }

  @Test("sdy.sharding on main's arguments is read with its mesh")
  func sharding() throws {
    let s = ModuleSketch()
    let x = s.argument(
      "4x8xf32",
      attributes: [
        NamedAttribute("sdy.sharding", .opaque("#sdy.sharding<@mesh, [{\"x\", \"y\"}, {}]>"))
      ])
    let y = s.argument(
      "8xf32",
      attributes: [
        NamedAttribute("sdy.sharding", .opaque("#sdy.sharding<@mesh, [{?}], replicated={\"y\"}>"))
      ])
    s.returns([x, y], ["4x8xf32", "8xf32"])
    let axes = [MeshAxis(name: "x", size: 2), MeshAxis(name: "y", size: 4)]
    let model = try StableHLOImporter.importModule(s.module(meshes: ["mesh": axes]))
    #expect(model.argumentShardings.count == 2)
    #expect(model.argumentShardings[0].dimensions == [["x", "y"], []])
    #expect(model.argumentShardings[0].meshAxes == axes)
    #expect(model.argumentShardings[1].dimensions == [[]])
    #expect(model.argumentShardings[1].replicated == ["y"])
  }

  @Test(
    "unreadable shardings are import errors",
    arguments: [
      "#sdy.sharding<@other, [{}]>", "#sdy.sharding<@mesh, [{\"z\"}]>",
      "#sdy.sharding<@mesh, [{}, {}]>", "sharding?",
    ])
  func badSharding(text: String) {
    let s = ModuleSketch()
    let x = s.argument("4xf32", attributes: [NamedAttribute("sdy.sharding", .opaque(text))])
    s.returns([x], ["4xf32"])
    let error = importError(s.module(meshes: ["mesh": [MeshAxis(name: "x", size: 2)]]))
    #expect(error?.location == SourceLocation(line: 1, column: 10))
  }
}
