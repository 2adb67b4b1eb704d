import ShardlineIR
import Testing

@testable import ShardlineImport

@Suite struct ReduceImportTests {
  @Test("reduce with an add or max region and identity init maps onto one reduce")
  func identityInit() throws {
    let s = ModuleSketch()
    let x = s.argument("2x3xf32")
    let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32")
    let low = s.op("stablehlo.constant", [], ["value": A.splat(-.infinity, "f32")], "f32")
    let sum = s.op(
      "stablehlo.reduce", [x, zero], ["dimensions": A.ints([1])], "2xf32",
      regions: [s.combiner("stablehlo.add", "f32")])
    let peak = s.op(
      "stablehlo.reduce", [x, low], ["dimensions": A.ints([0])], "3xf32",
      regions: [s.combiner("stablehlo.maximum", "f32")])
    s.returns([sum, peak], ["2xf32", "3xf32"])
    let (model, out) = try importAndRun(s, [[1, 5, 3, 4, 2, 6]])
    #expect(out[0] == [9, 12])
    #expect(out[1] == [4, 5, 6])
    #expect(model.graph.opCounts["reduce_sum"] == 1 && model.graph.opCounts["add"] == nil)
  }

  @Test("a reduce whose init is not the identity combines the init afterwards")
  func nonIdentityInit() throws {
    let s = ModuleSketch()
    let x = s.argument("3xf32")
    let ten = s.op("stablehlo.constant", [], ["value": A.splat(10, "f32")], "f32")
    let sum = s.op(
      "stablehlo.reduce", [x, ten], ["dimensions": A.ints([0])], "f32",
      regions: [s.combiner("stablehlo.add", "f32")])
    s.returns([sum], ["f32"])
    let (_, out) = try importAndRun(s, [[1, 2, 3]])
    #expect(out[0] == [16])
  }

  @Test("JAX's two-operand argmax reduction becomes max then min over matching indices")
  func argmax() throws {
    let s = ModuleSketch()
    let x = s.argument("2x3xf32")
    let iota = s.op("stablehlo.iota", [], ["iota_dimension": .integer(1)], "2x3xi32")
    let low = s.op("stablehlo.constant", [], ["value": A.splat(-.infinity, "f32")], "f32")
    let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "i32")], "i32")
    let region = s.region(["f32", "i32", "f32", "i32"]) { r, a in
      let gt = r.op(
        "stablehlo.compare", [a[0], a[2]],
        ["comparison_direction": .enumeration(name: "comparison_direction", value: "GT")], "i1")
      let eq = r.op(
        "stablehlo.compare", [a[0], a[2]],
        ["comparison_direction": .enumeration(name: "comparison_direction", value: "EQ")], "i1")
      let lt = r.op(
        "stablehlo.compare", [a[1], a[3]],
        ["comparison_direction": .enumeration(name: "comparison_direction", value: "LT")], "i1")
      let tie = r.op("stablehlo.and", [eq, lt], "i1")
      let pick = r.op("stablehlo.or", [gt, tie], "i1")
      let v = r.op("stablehlo.select", [pick, a[0], a[2]], "f32")
      let i = r.op("stablehlo.select", [pick, a[1], a[3]], "i32")
      r.terminate([v, i])
    }
    let result = s.op(
      "stablehlo.reduce", [x, iota, low, zero], ["dimensions": A.ints([1])],
      types: ["2xf32", "2xi32"], regions: [region])
    let index = s.op("stablehlo.convert", [result + "#1"], "2xf32")
    s.returns([result + "#0", index], ["2xf32", "2xf32"])
    let (_, out) = try importAndRun(s, [[1, 7, 7, 9, 2, 3]])
    #expect(out[0] == [7, 9])
    #expect(out[1] == [1, 0])
  }

  @Test("reduce_window max and sum pooling unroll into strided slices")
  func pooling() throws {
    let s = ModuleSketch()
    let x = s.argument("5xf32")
    let low = s.op("stablehlo.constant", [], ["value": A.splat(-.infinity, "f32")], "f32")
    let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32")
    let pooled = s.op(
      "stablehlo.reduce_window", [x, low],
      ["window_dimensions": A.ints([2]), "window_strides": A.ints([2])], "2xf32",
      regions: [s.combiner("stablehlo.maximum", "f32")])
    let summed = s.op(
      "stablehlo.reduce_window", [x, zero],
      [
        "window_dimensions": A.ints([3]), "window_strides": A.ints([2]),
        "padding": .dense(.values([1, 1]), type: ModuleSketch.type("1x2xi64")),
      ], "3xf32", regions: [s.combiner("stablehlo.add", "f32")])
    s.returns([pooled, summed], ["2xf32", "3xf32"])
    let (_, out) = try importAndRun(s, [[3, 1, 4, 1, 5]])
    #expect(out[0] == [3, 4])
    // Padded [0, 3, 1, 4, 1, 5, 0]: windows at 0, 2, 4.
    #expect(out[1] == [4, 6, 6])
  }

  /// The gradient of max pooling: each window's source value goes to the window's first
  /// maximum, ties going to the earlier position, as StableHLO's `GE` select keeps it.
  @Test("select_and_scatter adds each window's source at its first maximum")
  func selectAndScatter() throws {
    let s = ModuleSketch()
    let x = s.argument("4xf32")
    let source = s.argument("2xf32")
    let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32")
    let select = s.region(["f32", "f32"]) { r, args in
      r.terminate([
        r.op(
          "stablehlo.compare", args,
          ["comparison_direction": .enumeration(name: "comparison_direction", value: "GE")],
          "i1")
      ])
    }
    let plain = s.op(
      "stablehlo.select_and_scatter", [x, source, zero],
      ["window_dimensions": A.ints([2]), "window_strides": A.ints([2])], "4xf32",
      regions: [select, s.combiner("stablehlo.add", "f32")])
    let padded = s.op(
      "stablehlo.select_and_scatter", [x, source, zero],
      [
        "window_dimensions": A.ints([3]), "window_strides": A.ints([2]),
        "padding": .dense(.values([1, 1]), type: ModuleSketch.type("1x2xi64")),
      ], "4xf32", regions: [select, s.combiner("stablehlo.add", "f32")])
    s.returns([plain, padded], ["4xf32", "4xf32"])
    let (_, out) = try importAndRun(s, [[3, 3, 1, 2], [10, 20]])
    #expect(out[0] == [10, 0, 0, 20])  // [3, 3] ties: the first; [1, 2]: the 2
    // Padded [-∞, 3, 3, 1, 2, -∞]: windows [-∞, 3, 3] and [3, 1, 2] both pick a 3.
    #expect(out[1] == [10, 20, 0, 0])
  }

  @Test("and/or reductions of booleans become min/max reductions")
  func booleanReductions() throws {
    let s = ModuleSketch()
    let x = s.argument("2x2xi1")
    let yes = s.op("stablehlo.constant", [], ["value": A.splat(1, "i1")], "i1")
    let no = s.op("stablehlo.constant", [], ["value": A.splat(0, "i1")], "i1")
    let all = s.op(
      "stablehlo.reduce", [x, yes], ["dimensions": A.ints([1])], "2xi1",
      regions: [s.combiner("stablehlo.and", "i1")])
    let any = s.op(
      "stablehlo.reduce", [x, no], ["dimensions": A.ints([1])], "2xi1",
      regions: [s.combiner("stablehlo.or", "i1")])
    s.returns([all, any], ["2xi1", "2xi1"])
    let (_, out) = try importAndRun(s, [[1, 0, 1, 1]])
    #expect(out == [[0, 1], [1, 1]])
  }

  @Test("pooling windows above 64 elements and base dilation are rejected")
  func poolingLimits() {
    for attributes: KeyValuePairs<String, Attribute> in [
      ["window_dimensions": A.ints([65])],
      ["window_dimensions": A.ints([2]), "base_dilations": A.ints([2])],
    ] {
      let s = ModuleSketch()
      let x = s.argument("100xf32")
      let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32")
      let pooled = s.op(
        "stablehlo.reduce_window", [x, zero], attributes, "36xf32",
        regions: [s.combiner("stablehlo.add", "f32")])
      s.returns([pooled], ["36xf32"])
      #expect(importError(s)?.op == "stablehlo.reduce_window")
    }
  }
}
