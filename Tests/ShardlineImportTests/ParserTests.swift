import Testing

@testable import ShardlineImport

/// The ops of `body`, parsed as the body of a function.
func parseOperations(_ body: String) throws(ImportError) -> [Operation] {
  try StableHLOParser.parse("func.func @f() {\n" + body + "\n}").functions[0].body.operations
}

/// The one op written in `text`.
func parseOperation(_ text: String) throws(ImportError) -> Operation {
  guard let operation = try parseOperations(text).first else {
    throw ImportError(at: SourceLocation(line: 1, column: 1), "no operation")
  }
  return operation
}

/// `operation`'s attributes ordered by name, to compare forms that order them differently.
func sortedAttributes(_ operation: Operation) -> [NamedAttribute] {
  operation.attributes.sorted { $0.name < $1.name }
}

@Suite struct ParserTests {
  @Test("reads the module's name, attributes, meshes and functions")
  func readsModuleStructure() throws {
    let module = try StableHLOParser.parse(JAXSnippets.shardedSort)
    #expect(module.name == "jit_sh")
    #expect(module.attributes["mhlo.num_partitions"] == .integer(8))
    #expect(module.meshes["mesh"] == [MeshAxis(name: "x", size: 2), MeshAxis(name: "y", size: 4)])
    #expect(module.functions.map(\.name) == ["main", "sort", "cumsum_0"])
    #expect(module.functions.map(\.isPublic) == [true, false, false])
  }

  @Test("reads function arguments and results with their attributes")
  func readsSignature() throws {
    let main = try StableHLOParser.parse(JAXSnippets.shardedSort).functions[0]
    #expect(main.arguments.map(\.name) == ["arg0", "arg1"])
    #expect(main.arguments[0].type == .tensor(shape: [8, 8], element: "f32"))
    #expect(
      main.arguments[1].attributes["sdy.sharding"] == .opaque(#"#sdy.sharding<@mesh, [{"x"}, {}]>"#)
    )
    #expect(main.resultTypes.count == 3)
    #expect(main.resultAttributes[1]["jax.result_info"] == .string("result[1]"))
    #expect(main.body.operations.last?.name == "func.return")
    #expect(main.body.operations.last?.operands.map(\.name) == ["2", "3", "4"])
  }

  @Test("reads a generic op with properties, a region and block arguments")
  func readsGenericForm() throws {
    let sort = try StableHLOParser.parse(JAXSnippets.shardedSort).functions[1].body.operations[0]
    #expect(sort.name == "stablehlo.sort")
    #expect(
      sort.attributes == [
        NamedAttribute("dimension", .integer(1)), NamedAttribute("is_stable", .bool(true)),
      ])
    #expect(sort.operandTypes == [.tensor(shape: [8, 8], element: "f32")])
    #expect(sort.resultTypes == [.tensor(shape: [8, 8], element: "f32")])
    #expect(sort.regions.count == 1)
    #expect(sort.regions[0].arguments.map(\.name) == ["arg1", "arg2"])
    #expect(sort.regions[0].operations.last?.name == "stablehlo.return")
    #expect(sort.regions[0].operations.count == 16)
  }

  @Test("binds multi-result ops and reads uses of their results")
  func readsMultipleResults() throws {
    let main = try StableHLOParser.parse(JAXSnippets.scanLoop).functions[0]
    let loop = try #require(main.body.operations.first { $0.name == "stablehlo.while" })
    #expect(loop.resultName == "3")
    #expect(loop.resultCount == 6)
    let call = try #require(loop.regions[1].operations.first { $0.resultCount == 4 })
    #expect(call.name == "func.call")
    #expect(call.attributes["callee"] == .symbol("closed_call"))
    let use = loop.regions[1].operations[2].operands[1]
    #expect(use.name == "8" && use.result == 1)
    #expect(main.body.operations.last?.operands.first?.description == "%3#2")
  }

  @Test("gives a while its iteration values as operands and as both regions' arguments")
  func readsWhile() throws {
    let main = try StableHLOParser.parse(JAXSnippets.scanLoop).functions[0]
    let loop = try #require(main.body.operations.first { $0.name == "stablehlo.while" })
    #expect(loop.operands.map(\.name) == ["arg0", "c", "arg1", "0", "1", "2"])
    #expect(loop.regions.count == 2)
    for region in loop.regions {
      #expect(
        region.arguments.map(\.name) == [
          "iterArg", "iterArg_5", "iterArg_6", "iterArg_7", "iterArg_8", "iterArg_9",
        ])
      #expect(region.arguments.map(\.type) == loop.operandTypes)
    }
    #expect(
      loop.regions[0].operations.map(\.name) == [
        "stablehlo.constant", "stablehlo.compare", "stablehlo.return",
      ])
    #expect(loop.resultTypes == loop.operandTypes)
  }

  @Test("reads tensor, tuple and other types")
  func readsTypes() throws {
    let operation = try parseOperation(
      #""test.op"() : () -> (tensor<4x8xbf16>, tensor<f32>, tensor<ui32>, tuple<tensor<i1>, !stablehlo.token>, tensor<?x4xf32>, tensor<2xf32, #stablehlo.type_extensions<bounds = [4]>>, complex<f32>)"#
    )
    #expect(
      operation.resultTypes == [
        .tensor(shape: [4, 8], element: "bf16"), .tensor(shape: [], element: "f32"),
        .tensor(shape: [], element: "ui32"),
        .tuple([.tensor(shape: [], element: "i1"), .other("!stablehlo.token")]),
        .other("tensor<?x4xf32>"), .tensor(shape: [2], element: "f32"), .other("complex<f32>"),
      ])
  }

  @Test("reads a file of bare functions as a module without a name")
  func readsBareFunctions() throws {
    let module = try StableHLOParser.parse(
      "func.func private @g(%x: tensor<f32>) -> tensor<f32> {\n  return %x : tensor<f32>\n}")
    #expect(module.name == nil)
    #expect(module.functions.first?.isPublic == false)
    #expect(
      module.functions.first?.body.operations.first?.operandTypes == [
        .tensor(shape: [], element: "f32")
      ])
  }

  @Test("reads every JAX snippet")
  func readsEverySnippet() throws {
    for snippet in [
      JAXSnippets.callWithDebugInfo, JAXSnippets.shardedSort, JAXSnippets.argmaxAndScatter,
      JAXSnippets.scanLoop, JAXSnippets.convolutionStep, JAXSnippets.gatherAndCustomCall,
      JAXSnippets.miscellaneousForms,
    ] {
      let module = try StableHLOParser.parse(snippet)
      #expect(!module.functions.isEmpty)
    }
  }
}
