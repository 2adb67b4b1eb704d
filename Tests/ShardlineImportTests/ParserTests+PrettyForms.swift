import Testing

@testable import ShardlineImport

/// Each pretty form must give the attributes its generic form gives.
@Suite struct PrettyFormTests {
  /// Pretty and generic spellings of the same op.
  static let equivalentForms: [(pretty: String, generic: String)] = [
    (
      "%0 = stablehlo.transpose %a, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>",
      #"%0 = "stablehlo.transpose"(%a) <{permutation = array<i64: 1, 0>}> : (tensor<2x3xf32>) -> tensor<3x2xf32>"#
    ),
    (
      "%0 = stablehlo.broadcast_in_dim %a, dims = [] : (tensor<f32>) -> tensor<3xf32>",
      #"%0 = "stablehlo.broadcast_in_dim"(%a) <{broadcast_dimensions = array<i64>}> : (tensor<f32>) -> tensor<3xf32>"#
    ),
    (
      "%0 = stablehlo.reverse %a, dims = [0] : tensor<4x4xf32>",
      #"%0 = "stablehlo.reverse"(%a) <{dimensions = array<i64: 0>}> : (tensor<4x4xf32>) -> tensor<4x4xf32>"#
    ),
    (
      "%0 = stablehlo.iota dim = 1 : tensor<10x4xi32>",
      #"%0 = "stablehlo.iota"() <{iota_dimension = 1 : i64}> : () -> tensor<10x4xi32>"#
    ),
    (
      "%0 = stablehlo.slice %a [0:4:2, 1:3] : (tensor<4x4xf32>) -> tensor<2x2xf32>",
      #"%0 = "stablehlo.slice"(%a) <{limit_indices = array<i64: 4, 3>, start_indices = array<i64: 0, 1>, strides = array<i64: 2, 1>}> : (tensor<4x4xf32>) -> tensor<2x2xf32>"#
    ),
    (
      "%0 = stablehlo.pad %a, %v, low = [1, 0], high = [2, 1], interior = [0, 0] : (tensor<4x4xf32>, tensor<f32>) -> tensor<7x5xf32>",
      #"%0 = "stablehlo.pad"(%a, %v) <{edge_padding_high = array<i64: 2, 1>, edge_padding_low = array<i64: 1, 0>, interior_padding = array<i64: 0, 0>}> : (tensor<4x4xf32>, tensor<f32>) -> tensor<7x5xf32>"#
    ),
    (
      "%0 = stablehlo.concatenate %a, %b, dim = 0 : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<8x4xf32>",
      #"%0 = "stablehlo.concatenate"(%a, %b) <{dimension = 0 : i64}> : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<8x4xf32>"#
    ),
    (
      "%0 = stablehlo.dynamic_slice %a, %i, %j, sizes = [2, 4] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>",
      #"%0 = "stablehlo.dynamic_slice"(%a, %i, %j) <{slice_sizes = array<i64: 2, 4>}> : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x4xf32>"#
    ),
    (
      "%0 = stablehlo.compare GT, %a, %b, FLOAT : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>",
      #"%0 = "stablehlo.compare"(%a, %b) <{compare_type = #stablehlo<comparison_type FLOAT>, comparison_direction = #stablehlo<comparison_direction GT>}> : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xi1>"#
    ),
    (
      "%0 = stablehlo.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [DEFAULT, HIGHEST] : (tensor<2x2x8xbf16>, tensor<2x8x2xbf16>) -> tensor<2x2x2xf32>",
      #"%0 = "stablehlo.dot_general"(%a, %b) <{dot_dimension_numbers = #stablehlo.dot<lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [1]>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision HIGHEST>]}> : (tensor<2x2x8xbf16>, tensor<2x8x2xbf16>) -> tensor<2x2x2xf32>"#
    ),
    (
      "%0 = stablehlo.dot_general %a, %b, contracting_dims = [1] x [0] : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>",
      #"%0 = "stablehlo.dot_general"(%a, %b) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>}> : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>"#
    ),
    (
      "%cst = stablehlo.constant dense<1.000000e+00> : tensor<f32>",
      #"%cst = "stablehlo.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>"#
    ),
    (
      #"%0:2 = stablehlo.custom_call @lapack_spotrf_ffi(%a) {backend_config = ""} : (tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<i32>)"#,
      #"%0:2 = "stablehlo.custom_call"(%a) {backend_config = "", call_target_name = "lapack_spotrf_ffi"} : (tensor<8x8xf32>) -> (tensor<8x8xf32>, tensor<i32>)"#
    ),
    (
      #"%0 = sdy.sharding_constraint %a <@mesh, [{"x"}, {"y"}]> : tensor<4x4xf32>"#,
      #"%0 = "sdy.sharding_constraint"(%a) <{sharding = #sdy.sharding<@mesh, [{"x"}, {"y"}]>}> : (tensor<4x4xf32>) -> tensor<4x4xf32>"#
    ),
    (
      #"%0 = stablehlo.composite "my.gelu" %a {decomposition = @my.gelu.impl} : (tensor<4xf32>) -> tensor<4xf32>"#,
      #"%0 = "stablehlo.composite"(%a) <{decomposition = @my.gelu.impl, name = "my.gelu"}> : (tensor<4xf32>) -> tensor<4xf32>"#
    ),
    (
      "%0 = stablehlo.reduce_precision %a, format = e5m2 : tensor<4xf32>",
      #"%0 = "stablehlo.reduce_precision"(%a) <{exponent_bits = 5 : i32, mantissa_bits = 2 : i32}> : (tensor<4xf32>) -> tensor<4xf32>"#
    ),
  ]

  @Test("gives the attributes, operands and types of the generic form", arguments: equivalentForms)
  func prettyMatchesGeneric(pretty: String, generic: String) throws {
    let prettyOp = try parseOperation(pretty)
    let genericOp = try parseOperation(generic)
    #expect(prettyOp.name == genericOp.name)
    #expect(sortedAttributes(prettyOp) == sortedAttributes(genericOp))
    #expect(prettyOp.operands.map(\.name) == genericOp.operands.map(\.name))
    #expect(prettyOp.operandTypes == genericOp.operandTypes)
    #expect(prettyOp.resultTypes == genericOp.resultTypes)
    #expect(prettyOp.resultCount == genericOp.resultCount)
  }

  @Test("reads a convolution's layout, window and attributes under their generic names")
  func readsConvolution() throws {
    let convolution = try #require(
      try StableHLOParser.parse(JAXSnippets.convolutionStep).functions[0].body.operations.first {
        $0.name == "stablehlo.convolution"
      })
    let pairs: Attribute = .array([.integer(1), .integer(1)])
    #expect(
      convolution.attributes["dimension_numbers"]
        == .convolutionLayout(
          input: ["b", "0", "1", "f"], kernel: ["0", "1", "i", "o"], output: ["b", "0", "1", "f"]))
    #expect(convolution.attributes["window_strides"] == pairs)
    #expect(convolution.attributes["padding"] == .array([pairs, pairs]))
    #expect(convolution.attributes["lhs_dilation"] == pairs)
    #expect(convolution.attributes["rhs_dilation"] == pairs)
    #expect(convolution.attributes["window_reversal"] == .array([.bool(false), .bool(false)]))
    #expect(convolution.attributes["feature_group_count"] == .integer(1))
    #expect(convolution.attributes["batch_group_count"] == .integer(1))
    #expect(
      convolution.attributes["precision_config"]
        == .array([
          .enumeration(name: "precision", value: "DEFAULT"),
          .enumeration(name: "precision", value: "DEFAULT"),
        ]))
    #expect(
      convolution.operandTypes.map(\.description) == [
        "tensor<2x8x8x2xbf16>", "tensor<3x3x2x4xbf16>",
      ])
    let generic = try parseOperation(
      #"%2 = "stablehlo.convolution"(%0, %1) <{dimension_numbers = #stablehlo.conv<[b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]>}> : (tensor<2x8x8x2xbf16>, tensor<3x3x2x4xbf16>) -> tensor<2x8x8x4xbf16>"#
    )
    #expect(generic.attributes["dimension_numbers"] == convolution.attributes["dimension_numbers"])
  }

  @Test("builds the region of a reduce that applies one op, as the generic form writes it")
  func readsAppliesReduce() throws {
    let reduce = try parseOperation(
      "%2 = stablehlo.reduce(%1 init: %cst) applies stablehlo.add across dimensions = [0, 1] : (tensor<8x8xf32>, tensor<f32>) -> tensor<f32>"
    )
    let scalar = MLIRType.tensor(shape: [], element: "f32")
    #expect(reduce.operands.map(\.name) == ["1", "cst"])
    #expect(
      reduce.attributes == [NamedAttribute("dimensions", .array([.integer(0), .integer(1)]))])
    #expect(reduce.resultTypes == [scalar])
    let body = try #require(reduce.regions.first)
    #expect(body.arguments.map(\.type) == [scalar, scalar])
    #expect(body.operations.map(\.name) == ["stablehlo.add", "stablehlo.return"])
    #expect(body.operations[0].operands.map(\.name) == body.arguments.map(\.name))
    #expect(body.operations[1].operands.map(\.name) == [body.operations[0].resultName])
  }

  @Test("reads a variadic reduce's reducer, accumulators before elements")
  func readsVariadicReduce() throws {
    let argmax = try StableHLOParser.parse(JAXSnippets.argmaxAndScatter).functions[1]
    let reduce = try #require(argmax.body.operations.first { $0.name == "stablehlo.reduce" })
    #expect(reduce.resultCount == 2)
    #expect(reduce.operands.map(\.name) == ["arg0", "0", "cst", "c"])
    #expect(reduce.attributes == [NamedAttribute("dimensions", .array([.integer(1)]))])
    #expect(reduce.regions.first?.arguments.map(\.name) == ["arg1", "arg2", "arg3", "arg4"])
    #expect(reduce.regions.first?.operations.count == 10)
    #expect(argmax.body.operations.last?.operands.first?.description == "%1#1")
  }

  @Test("reads the type lists of select, optimization_barrier, chlo ops and return")
  func readsShortTypeLists() throws {
    let operations = try parseOperations(
      """
      %0 = stablehlo.select %p, %a, %b : tensor<3xi1>, tensor<3xf32>
      %1:2 = stablehlo.optimization_barrier %a, %c : tensor<3xf32>, tensor<i32>
      %2 = chlo.erf_inv %a : tensor<3xf32> -> tensor<3xf32>
      %3 = stablehlo.add %a, %b : tensor<3xf32>
      stablehlo.return
      """)
    let (predicate, vector, integer) = (
      MLIRType.tensor(shape: [3], element: "i1"), MLIRType.tensor(shape: [3], element: "f32"),
      MLIRType.tensor(shape: [], element: "i32")
    )
    #expect(operations[0].operandTypes == [predicate, vector, vector])
    #expect(operations[0].resultTypes == [vector])
    #expect(operations[1].operandTypes == [vector, integer])
    #expect(operations[1].resultTypes == [vector, integer])
    #expect(operations[2].operandTypes == [vector])
    #expect(operations[2].resultTypes == [vector])
    #expect(operations[3].operandTypes == [vector, vector])
    #expect(operations[4].operands.isEmpty && operations[4].resultTypes.isEmpty)
  }

  @Test("reads any op in generic form, and names an op whose pretty form it does not know")
  func unknownOps() throws {
    let generic = try parseOperation(
      #"%0 = "mydialect.frobnicate"(%a) {k = 2 : i64} : (tensor<f32>) -> tensor<f32>"#)
    #expect(generic.name == "mydialect.frobnicate")
    let error = try #require(throws: ImportError.self) {
      try parseOperation("%0 = stablehlo.frobnicate %a : tensor<f32>")
    }
    #expect(error.op == "stablehlo.frobnicate")
    #expect(error.location == SourceLocation(line: 2, column: 6))
  }
}

@Suite struct ShardyAndResultGroupTests {
  @Test("reads a manual computation's shardings, axes and body")
  func readsManualComputation() throws {
    let module = try StableHLOParser.parse(JAXSnippets.shardMap)
    let manual = try #require(module.functions.first?.body.operations.first)
    #expect(manual.name == "sdy.manual_computation")
    #expect(
      manual.attributes["in_shardings"]
        == .opaque(#"#sdy.sharding_per_value<[<@mesh, [{"x"}, {}]>]>"#))
    #expect(
      manual.attributes["out_shardings"]
        == .opaque(#"#sdy.sharding_per_value<[<@mesh, [{}, {}]>]>"#))
    #expect(manual.attributes["manual_axes"] == .opaque(#"#sdy<manual_axes{"x", "y"}>"#))
    #expect(
      manual.regions.first?.arguments.map(\.type) == [.tensor(shape: [4, 4], element: "f32")])
    #expect(
      manual.regions.first?.operations.map(\.name).suffix(2) == [
        "stablehlo.all_reduce", "sdy.return",
      ])
    #expect(manual.resultTypes == [.tensor(shape: [4, 4], element: "f32")])
  }

  @Test("binds several result groups as one multi-result name and rewrites their uses")
  func readsResultGroups() throws {
    let module = try StableHLOParser.parse(JAXSnippets.randomBits)
    #expect(module.meshes["empty_mesh"] == [])
    let operations = try #require(module.functions.first?.body.operations)
    let generator = operations[3]
    #expect(generator.name == "stablehlo.rng_bit_generator")
    #expect(generator.resultName == "output_state")
    #expect(generator.resultCount == 2)
    #expect(
      generator.attributes["rng_algorithm"] == .enumeration(name: "rng_algorithm", value: "DEFAULT")
    )
    #expect(operations[4].operands.first?.description == "%output_state#0")
    #expect(operations.last?.operands.first?.description == "%output_state#1")
  }
}
