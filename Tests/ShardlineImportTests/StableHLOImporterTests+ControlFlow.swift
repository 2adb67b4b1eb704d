import ShardlineIR
import Testing

@testable import ShardlineImport

@Suite struct ControlFlowImportTests {
  /// `while i < limit { i += 1; acc += x }` with `x` read from the enclosing scope.
  private func loop(limit: Attribute, counterType: String = "i32") -> ModuleSketch {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    let start = s.op("stablehlo.constant", [], ["value": A.splat(0, counterType)], counterType)
    let acc = s.op("stablehlo.constant", [], ["value": A.splat(0, "2xf32")], "2xf32")
    let condition = s.region([counterType, "2xf32"]) { r, a in
      let bound = r.op("stablehlo.constant", [], ["value": limit], counterType)
      r.terminate([
        r.op(
          "stablehlo.compare", [a[0], bound],
          ["comparison_direction": .enumeration(name: "comparison_direction", value: "LT")], "i1")
      ])
    }
    let body = s.region([counterType, "2xf32"]) { r, a in
      let one = r.op("stablehlo.constant", [], ["value": A.splat(1, counterType)], counterType)
      r.terminate([
        r.op("stablehlo.add", [a[0], one], counterType), r.op("stablehlo.add", [a[1], x], "2xf32"),
      ])
    }
    let result = s.op(
      "stablehlo.while", [start, acc], [:], types: [counterType, "2xf32"],
      regions: [condition, body])
    s.returns([result + "#1"], ["2xf32"])
    return s
  }

  @Test("a while loop with a known trip count unrolls, its counter folded away")
  func unrolls() throws {
    let (model, out) = try importAndRun(loop(limit: A.splat(3, "i32")), [[1, 2]])
    #expect(out[0] == [3, 6])
    #expect(model.graph.opCounts["add"] == 3)
    #expect(model.graph.nodes.allSatisfy { $0.type.dtype == .f32 })
  }

  @Test("a loop whose condition depends on data is rejected at the loop")
  func dataDependentLoop() {
    let s = ModuleSketch()
    let x = s.argument("f32")
    let condition = s.region(["f32"]) { r, a in
      r.terminate([
        r.op(
          "stablehlo.compare", [a[0], a[0]],
          ["comparison_direction": .enumeration(name: "comparison_direction", value: "LT")], "i1")
      ])
    }
    let body = s.region(["f32"]) { r, a in r.terminate([a[0]]) }
    let result = s.op("stablehlo.while", [x], [:], types: ["f32"], regions: [condition, body])
    s.returns([result], ["f32"])
    let error = importError(s)
    #expect(error?.location == SourceLocation(line: 5, column: 5))  // after its regions
    #expect(error?.reason.contains("trip count") == true)
  }

  @Test("a loop of more than 10000 iterations is rejected")
  func tooLong() {
    #expect(importError(loop(limit: A.splat(20_000, "i32")))?.reason.contains("10000") == true)
  }

  @Test("calls are inlined; recursion is rejected")
  func calls() throws {
    let helper = ModuleSketch()
    let h = helper.argument("2xf32")
    helper.returns([helper.op("stablehlo.add", [h, h], "2xf32")], ["2xf32"])
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    let y = s.op("func.call", [x], ["callee": .symbol("twice")], "2xf32")
    let z = s.op("func.call", [y], ["callee": .symbol("twice")], "2xf32")
    s.returns([z], ["2xf32"])
    let model = try StableHLOImporter.importModule(
      s.module([helper.function("twice", isPublic: false)]))
    #expect(model.graph.opCounts["add"] == 2)

    let loop = ModuleSketch()
    let a = loop.argument("2xf32")
    loop.returns([loop.op("func.call", [a], ["callee": .symbol("main")], "2xf32")], ["2xf32"])
    #expect(throws: ImportError.self) { try StableHLOImporter.importModule(loop.module()) }
  }

  @Test("optimization barriers pass their operands through")
  func barrier() throws {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    let y = s.argument("f32")
    let b = s.op("stablehlo.optimization_barrier", [x, y], [:], types: ["2xf32", "f32"])
    s.returns([b + "#1", b + "#0"], ["f32", "2xf32"])
    let (model, out) = try importAndRun(s, [[1, 2], [3]])
    #expect(out == [[3], [1, 2]])
    #expect(model.graph.nodes.count == 2)
  }
}
