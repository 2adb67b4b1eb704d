import ShardlineIR
import Testing

@testable import ShardlineImport

@Suite struct ImportErrorTests {
  /// A module whose op on line 3 is built by `body` from an argument `%arg0: 2xf32`.
  private func failing(_ body: (ModuleSketch, String) -> String, type: String = "2xf32")
    -> ImportError?
  {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    _ = s.op("stablehlo.constant", [], ["value": A.splat(0, "f32")], "f32")
    let result = body(s, x)
    s.returns([result], [type])
    return importError(s)
  }

  @Test(
    "every unsupported or malformed op names its line and column",
    arguments: [
      ("stablehlo.sort is not supported", "sort"),
      ("ui32", "element type ui32"),
      ("shape mismatch", "shape mismatch: text says tensor<3xf32>, op gives tensor<2xf32>"),
      ("unknown value", "unknown value %nope"),
      ("operand count", "expects 1 operand(s), got 2"),
      ("missing attribute", "missing attribute 'permutation'"),
      ("scatter combiner", "scatter with a stablehlo.multiply combiner is not supported"),
      ("reduce combiner", "a reduction with a stablehlo.multiply combiner is not supported"),
      ("custom call", "custom call @cu_thing is not supported"),
      ("unknown op", "stablehlo.floor is not supported"),
    ])
  func errors(name: String, message: String) {
    let error = failing { s, x in
      switch name {
      case "stablehlo.sort is not supported":
        return s.op("stablehlo.sort", [x], "2xf32")
      case "ui32":
        return s.op("stablehlo.convert", [x], "2xui32")
      case "shape mismatch":
        return s.op("stablehlo.exponential", [x], "3xf32")
      case "unknown value":
        return s.op("stablehlo.exponential", ["%nope"], "2xf32")
      case "operand count":
        return s.op("stablehlo.exponential", [x, x], "2xf32")
      case "missing attribute":
        return s.op("stablehlo.transpose", [x], "2xf32")
      case "scatter combiner":
        return s.op(
          "stablehlo.scatter", [x, "%0", x], [:], "2xf32",
          regions: [s.combiner("stablehlo.multiply", "f32")])
      case "reduce combiner":
        return s.op(
          "stablehlo.reduce", [x, "%0"], ["dimensions": A.ints([0])], "f32",
          regions: [s.combiner("stablehlo.multiply", "f32")])
      case "custom call":
        return s.op(
          "stablehlo.custom_call", [x], ["call_target_name": .string("cu_thing")], "2xf32")
      default:
        return s.op("stablehlo.floor", [x], "2xf32")
      }
    }
    #expect(error?.description.contains(message) == true, "\(String(describing: error))")
    // The constant is on line 2; regions of the failing op come before it.
    #expect((error?.location.line ?? 0) >= 3)
    #expect(error?.location.column == 5 || error?.location.column == 20)
  }

  @Test("a type mismatch the IR detects is reported at the op, not as a crash")
  func irError() {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    let y = s.argument("3xf32")
    s.returns([s.op("stablehlo.add", [x, y], "2xf32")], ["2xf32"])
    let error = importError(s)
    #expect(error?.location == SourceLocation(line: 2, column: 5))
    #expect(error?.op == "stablehlo.add")
  }

  @Test("a reference to a missing result of a multi-result op is an error")
  func badResultIndex() {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    let b = s.op("stablehlo.optimization_barrier", [x], [:], types: ["2xf32"])
    s.returns([s.op("stablehlo.exponential", [b + "#3"], "2xf32")], ["2xf32"])
    #expect(importError(s)?.reason.contains("result 3") == true)
  }

  @Test("argument option indices out of range are rejected")
  func badOptions() {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    s.returns([x], ["2xf32"])
    #expect(importError(s, options: ImportOptions(batchArguments: [4])) != nil)
  }

  @Test("operand types written in the text must match the values")
  func operandTypes() {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    s.returns([s.op("stablehlo.exponential", [x], "2xf32")], ["2xf32"])
    var module = s.module()
    module.functions[0].body.operations[0].operandTypes = [ModuleSketch.type("3xf32")]
    let error = importError(module)
    #expect(error?.reason.contains("the text says tensor<3xf32>") == true)
    #expect(error?.location.line == 2)
  }

  @Test("a scatter that overwrites is rejected by name")
  func overwritingScatter() {
    let s = ModuleSketch()
    let x = s.argument("2xf32")
    let i = s.argument("1xi32")
    let overwrite = s.region(["f32", "f32"]) { r, a in r.terminate([a[1]]) }
    s.returns(
      [s.op("stablehlo.scatter", [x, i, x], [:], "2xf32", regions: [overwrite])], ["2xf32"])
    #expect(importError(s)?.reason == "scatter with a replacing combiner is not supported")
  }
}
