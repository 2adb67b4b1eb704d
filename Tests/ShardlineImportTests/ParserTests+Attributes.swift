import Testing

@testable import ShardlineImport

@Suite struct AttributeTests {
  /// The attribute written `text`, read as the value of an op's attribute.
  private func attribute(_ text: String) throws -> Attribute? {
    try parseOperation(#""test.op"() {value = "# + text + #"} : () -> ()"#).attributes["value"]
  }

  @Test("reads integers, floats, booleans, strings and units")
  func readsScalars() throws {
    #expect(try attribute("3 : i64") == .integer(3))
    #expect(try attribute("-7") == .integer(-7))
    #expect(try attribute("76 : ui8") == .integer(76))
    #expect(try attribute("1.000000e-01 : f32") == .float(0.1))
    #expect(try attribute("-2.5") == .float(-2.5))
    #expect(try attribute("true") == .bool(true))
    #expect(try attribute(#""result[0]['w1'] \"q\"""#) == .string(#"result[0]['w1'] "q""#))
    #expect(try parseOperation(#""test.op"() {flag} : () -> ()"#).attributes["flag"] == .unit)
    #expect(try attribute("unit") == .unit)
  }

  @Test("reads hex float literals as bit patterns of the float type, and inf and nan")
  func readsSpecialFloats() throws {
    #expect(try attribute("0x7F800000 : f32") == .float(.infinity))
    #expect(try attribute("0xFF80 : bf16") == .float(-.infinity))
    #expect(try attribute("0x3C00 : f16") == .float(1))
    #expect(try attribute("0x4000000000000000 : f64") == .float(2))
    #expect(try attribute("-inf") == .float(-.infinity))
    guard case .float(let value) = try attribute("nan") else {
      Issue.record("not a float")
      return
    }
    #expect(value.isNaN)
  }

  @Test("reads lists and typed arrays")
  func readsArrays() throws {
    #expect(
      try attribute("[1, [2, 3]]") == .array([.integer(1), .array([.integer(2), .integer(3)])]))
    #expect(try attribute("array<i64: 1, 2>") == .array([.integer(1), .integer(2)]))
    #expect(try attribute("array<i1: true, false>") == .array([.bool(true), .bool(false)]))
    #expect(try attribute("array<i64>") == .array([]))
  }

  @Test("reads dense elements: splats, nested lists, hex blobs, booleans and special floats")
  func readsDenseElements() throws {
    let scalar = MLIRType.tensor(shape: [], element: "f32")
    #expect(try attribute("dense<1.0> : tensor<f32>") == .dense(.splat(1), type: scalar))
    #expect(
      try attribute("dense<0xFF800000> : tensor<f32>") == .dense(.splat(-.infinity), type: scalar))
    #expect(
      try attribute("dense<[[1.0, -2.0], [3, 4]]> : tensor<2x2xf32>")
        == .dense(.values([1, -2, 3, 4]), type: .tensor(shape: [2, 2], element: "f32")))
    #expect(
      try attribute(#"dense<"0x0000803F"> : tensor<f32>"#)
        == .dense(.hex([0x00, 0x00, 0x80, 0x3F]), type: scalar))
    #expect(
      try attribute("dense<true> : tensor<i1>")
        == .dense(.splat(1), type: .tensor(shape: [], element: "i1")))
    #expect(
      try attribute("dense<[0xFFFF, 7]> : tensor<2xui16>")
        == .dense(.values([65535, 7]), type: .tensor(shape: [2], element: "ui16")))
    #expect(
      try attribute("dense<> : tensor<0xindex>")
        == .dense(.values([]), type: .tensor(shape: [0], element: "index")))
    #expect(
      try attribute("dense<[inf, -inf]> : tensor<2xf32>")
        == .dense(.values([.infinity, -.infinity]), type: .tensor(shape: [2], element: "f32")))
  }

  @Test("reads dictionaries, symbols and types")
  func readsDictionariesSymbolsAndTypes() throws {
    #expect(
      try attribute(#"{uplo = 76 : ui8, "quoted key" = "v"}"#)
        == .dictionary([
          NamedAttribute("uplo", .integer(76)), NamedAttribute("quoted key", .string("v")),
        ]))
    #expect(try attribute("@helper") == .symbol("helper"))
    #expect(try attribute("tensor<2xf32>") == .type(.tensor(shape: [2], element: "f32")))
    #expect(try attribute("f32") == .type(.other("f32")))
    #expect(try attribute("DEFAULT") == .enumeration(name: "", value: "DEFAULT"))
  }

  @Test("reads StableHLO enumerations and parameterized attributes")
  func readsStableHLOAttributes() throws {
    #expect(
      try attribute("#stablehlo<comparison_direction GT>")
        == .enumeration(name: "comparison_direction", value: "GT"))
    #expect(
      try attribute(
        "#stablehlo.gather<offset_dims = [1], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = 1>"
      )
        == .structured(
          kind: "gather",
          fields: [
            NamedAttribute("offset_dims", .array([.integer(1)])),
            NamedAttribute("collapsed_slice_dims", .array([.integer(0)])),
            NamedAttribute("start_index_map", .array([.integer(0)])),
            NamedAttribute("index_vector_dim", .integer(1)),
          ]))
    #expect(try attribute("#stablehlo.dot<>") == .structured(kind: "dot", fields: []))
  }

  @Test("keeps any other dialect attribute as written")
  func keepsOpaqueAttributes() throws {
    for text in [
      #"#sdy.sharding<@mesh, [{}, {"y"}]>"#,
      "#sdy.op_sharding_rule<([i, j])->([k, l], []) {i=8, j=8, k=8, l=8}, custom>",
      "#stablehlo.dot_algorithm<lhs_precision_type = tf32, num_primitive_operations = 1>",
      "affine_map<(d0) -> (d0)>",
    ] {
      #expect(try attribute(text) == .opaque(text))
    }
  }
}
