import Testing

@testable import ShardlineImport

@Suite struct LocationTests {
  @Test("names arguments and ops after their locations, following aliases defined after them")
  func resolvesAliases() throws {
    let module = try StableHLOParser.parse(JAXSnippets.callWithDebugInfo)
    let main = module.functions[0]
    #expect(main.arguments.map(\.debugName) == ["a", "b"])
    #expect(
      main.body.operations.map(\.debugName) == [
        "jit(callf)/jit(helper)", "jit(callf)/jit(helper)", "jit(callf)/add", "jit(callf)",
      ])
    let helper = module.functions[1]
    #expect(helper.arguments.map(\.debugName) == [nil, nil])
    #expect(helper.body.operations.map(\.debugName) == ["gt", "jit(_where)", nil])
    #expect(module.functions[2].body.operations.first?.debugName == "select_n")
  }

  @Test("takes the first quoted name that is not a file, through call sites and fusions")
  func picksFirstName() throws {
    let module = try StableHLOParser.parse(
      """
      #loc1 = loc("model.py":3:4)
      #loc2 = loc("inner"(#loc1))
      #loc3 = loc(callsite(#loc1 at #loc2))
      #loc4 = loc(#loc5)
      #loc5 = loc(#loc4)
      func.func @f(%x: tensor<f32> loc("model.py":1:2)) {
        %0 = stablehlo.negate %x : tensor<f32> loc(#loc3)
        %1 = stablehlo.negate %x : tensor<f32> loc(fused["model.py":1:1, "fusedname"])
        %2 = stablehlo.negate %x : tensor<f32> loc(#loc4)
        %3 = stablehlo.negate %x : tensor<f32> loc("direct"("model.py":9:9))
      }
      """)
    let function = module.functions[0]
    #expect(function.arguments[0].debugName == nil)
    #expect(function.body.operations.map(\.debugName) == ["inner", "fusedname", nil, "direct"])
  }
}
