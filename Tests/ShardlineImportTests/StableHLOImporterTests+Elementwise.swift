import Foundation
import ShardlineIR
import Testing

@testable import ShardlineImport

@Suite struct ElementwiseImportTests {
  @Test("unary and binary ops map onto IR ops and compute what StableHLO specifies")
  func unaryAndBinary() throws {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    let y = s.argument("2xf32")
    let e = s.op("stablehlo.exponential", [x], "2xf32")
    let n = s.op("stablehlo.negate", [e], "2xf32")
    let d = s.op("stablehlo.divide", [n, y], "2xf32")
    let m = s.op("stablehlo.maximum", [d, x], "2xf32")
    s.returns([m], ["2xf32"])
    let (_, out) = try importAndRun(s, [[0, 1], [2, 4]])
    // max(-e^0/2, 0) = 0; max(-e/4, 1) = 1.
    #expect(out[0] == [0, 1])
  }

  @Test("multiply x x becomes square; chlo.square too")
  func square() throws {
    let s = ModuleSketch()
    let x = s.argument("3xf32")
    let a = s.op("stablehlo.multiply", [x, x], "3xf32")
    let b = s.op("chlo.square", [a], "3xf32")
    s.returns([b], ["3xf32"])
    let (model, out) = try importAndRun(s, [[1, 2, -3]])
    #expect(out[0] == [1, 16, 81])
    #expect(model.graph.opCounts["square"] == 2)
    #expect(model.graph.opCounts["multiply"] == nil)
  }

  @Test("clamp, not, xor, compare and select decompose into IR ops")
  func logic() throws {
    let s = ModuleSketch()
    let x = s.argument("4xf32")
    let low = s.op("stablehlo.constant", [], ["value": A.splat(-1, "f32")], "f32")
    let high = s.op("stablehlo.constant", [], ["value": A.splat(1, "f32")], "f32")
    let c = s.op("stablehlo.clamp", [low, x, high], "4xf32")
    let zero = s.op("stablehlo.constant", [], ["value": A.splat(0, "4xf32")], "4xf32")
    let gt = s.op(
      "stablehlo.compare", [x, zero],
      ["comparison_direction": .enumeration(name: "comparison_direction", value: "GT")], "4xi1")
    let not = s.op("stablehlo.not", [gt], "4xi1")
    let xor = s.op("stablehlo.xor", [not, gt], "4xi1")
    let chosen = s.op("stablehlo.select", [not, zero, c], "4xf32")
    let asFloat = s.op("stablehlo.convert", [xor], "4xf32")
    s.returns([chosen, asFloat], ["4xf32", "4xf32"])
    let (_, out) = try importAndRun(s, [[-5, 0.5, 3, -0.25]])
    #expect(out[0] == [0, 0.5, 1, 0])
    #expect(out[1] == [1, 1, 1, 1])
  }

  @Test("is_finite is false for infinities and NaN")
  func isFinite() throws {
    let s = ModuleSketch()
    let x = s.argument("4xf32")
    let finite = s.op("stablehlo.is_finite", [x], "4xi1")
    s.returns([s.op("stablehlo.convert", [finite], "4xf32")], ["4xf32"])
    let (_, out) = try importAndRun(s, [[1, .infinity, -.infinity, .nan]])
    #expect(out[0] == [1, 0, 0, 0])
  }

  /// Exact GELU prints `chlo.erfc`: both error functions come from Abramowitz and Stegun's
  /// approximation, within 1.5e-7 of the true values (3e-7 with f32 rounding).
  @Test("erf and erfc decompose within 3e-7 of their values")
  func errorFunctions() throws {
    let s = ModuleSketch()
    let x = s.argument("5xf32")
    s.returns(
      [s.op("chlo.erf", [x], "5xf32"), s.op("chlo.erfc", [x], "5xf32")], ["5xf32", "5xf32"])
    let (_, out) = try importAndRun(s, [[0, 1, -1, 0.5, -2]])
    // erf(0), erf(±1), erf(0.5), erf(-2) to 7 digits, and 1 − erf for erfc.
    let erf: [Float] = [0, 0.842_700_8, -0.842_700_8, 0.520_499_9, -0.995_322_3]
    for (got, want) in zip(out[0], erf) { #expect(abs(got - want) < 3e-7, "erf \(got) \(want)") }
    for (got, want) in zip(out[1], erf.map { 1 - $0 }) {
      #expect(abs(got - want) < 3e-7, "erfc \(got) \(want)")
    }
  }

  @Test("exponential_minus_one and log_plus_one decompose")
  func expm1Log1p() throws {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    let a = s.op("stablehlo.exponential_minus_one", [x], "2xf32")
    let b = s.op("stablehlo.log_plus_one", [a], "2xf32")
    s.returns([b], ["2xf32"])
    let (_, out) = try importAndRun(s, [[0.5, 2]])
    #expect(abs(out[0][0] - 0.5) < 1e-6 && abs(out[0][1] - 2) < 1e-6)
  }

  @Test(
    "dense constants decode splats, value lists and little-endian hex of each element type",
    arguments: [
      (DenseElements.hex([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]), "2xf32", [1, -2]),
      (.hex([0x80, 0x3F, 0x40, 0xC0]), "2xbf16", [1, -3]),
      (.hex([0x00, 0x3C, 0x00, 0xB8]), "2xf16", [1, -0.5]),
      (.hex([0x05, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]), "2xi32", [5, -1]),
      (.hex([0x01, 0x00]), "2xi1", [1, 0]),
      (.hex([0x07, 0, 0, 0, 0, 0, 0, 0]), "2xi64", [7, 7]),
      (.values([1.5, 2.5]), "2xf32", [1.5, 2.5]),
      (.splat(4), "2xf32", [4, 4]),
    ] as [(DenseElements, String, [Float])])
  func constants(elements: DenseElements, type: String, expected: [Float]) throws {
    let s = ModuleSketch()
    let c = s.op(
      "stablehlo.constant", [], ["value": .dense(elements, type: ModuleSketch.type(type))], type)
    let f = s.op("stablehlo.convert", [c], "2xf32")
    s.returns([f], ["2xf32"])
    let (_, out) = try importAndRun(s, [])
    #expect(out[0] == expected)
  }

  @Test("a dot of bf16 operands with an f32 result converts the operands first")
  func mixedPrecisionDot() throws {
    let s = ModuleSketch()
    let a = s.argument("2x3xbf16")
    let b = s.argument("3xbf16")
    let numbers = Attribute.structured(
      kind: "dot",
      fields: [
        NamedAttribute("lhs_contracting_dimensions", A.ints([1])),
        NamedAttribute("rhs_contracting_dimensions", A.ints([0])),
      ])
    let d = s.op(
      "stablehlo.dot_general", [a, b],
      ["dot_dimension_numbers": numbers, "precision_config": .array([])], "2xf32")
    s.returns([d], ["2xf32"])
    let (model, out) = try importAndRun(s, [[1, 2, 3, 4, 5, 6], [1, 1, 2]])
    #expect(out[0] == [9, 21])
    #expect(model.graph.opCounts["convert"] == 2)
  }
}
