import Testing

@testable import ShardlineImport

@Suite struct SyntaxTests {
  @Test func typesPrintAsWritten() {
    #expect(MLIRType.tensor(shape: [4, 8], element: "bf16").description == "tensor<4x8xbf16>")
    #expect(MLIRType.tensor(shape: [], element: "f32").description == "tensor<f32>")
  }

  @Test func errorsNameLineColumnAndOp() {
    let error = ImportError(
      at: SourceLocation(line: 12, column: 7), op: "stablehlo.sort", "sorting is not supported")
    #expect(error.description == "line 12:7: stablehlo.sort: sorting is not supported")
  }
}
