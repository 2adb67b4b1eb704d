import Foundation
import ShardlineIR
import ShardlineImport
import ShardlineTestSupport
import Testing

@Suite("JAX reference files: the inputs and outputs JAX computed for a fixture")
struct JAXReferenceTests {
  @Test("the MLP fixture's reference names every argument and result with its type")
  func readsFixture() throws {
    let reference = try JAXReference(
      jsonData: try SampleFiles.data("jax/fixtures/mlp.reference.json"))
    #expect(reference.inputs.map(\.name).first == "params['b1']")
    #expect(reference.inputs.last?.type == TensorType([8], .i32))
    #expect(reference.outputs.first?.type == TensorType([], .f32))
    #expect(reference.outputs.count == 7)
    let labels = try #require(reference.inputs.last?.values)
    #expect(labels.allSatisfy { $0 >= 0 && $0 < 8 && $0 == $0.rounded() })
    let loss = try #require(reference.outputs.first?.values.first)
    #expect(loss > 0 && loss < 10)
  }

  @Test("bytes decode by element type, little-endian")
  func decodesElementTypes() throws {
    func file(_ dtype: String, _ shape: [Int], _ bytes: [UInt8]) -> Data {
      let tensor =
        #"{"name": "t", "dtype": "\#(dtype)", "shape": \#(shape), "data": "\#(Data(bytes).base64EncodedString())"}"#
      return Data(
        #"{"format": "shardline-jax-reference", "version": 1, "inputs": [\#(tensor)], "outputs": []}"#
          .utf8)
    }
    func values(_ dtype: String, _ shape: [Int], _ bytes: [UInt8]) throws -> [Float] {
      try JAXReference(jsonData: file(dtype, shape, bytes)).inputs[0].values
    }
    #expect(try values("f32", [1], [0, 0, 0x80, 0x3F]) == [1])  // 0x3F800000
    #expect(try values("bf16", [2], [0x80, 0x3F, 0x00, 0xC0]) == [1, -2])  // 0x3F80, 0xC000
    #expect(try values("f16", [1], [0x00, 0x3C]) == [1])  // 0x3C00
    #expect(try values("i32", [2], [0xFF, 0xFF, 0xFF, 0xFF, 7, 0, 0, 0]) == [-1, 7])
    #expect(try values("i1", [3], [1, 0, 1]) == [1, 0, 1])
    #expect(throws: JAXReferenceError.self) { try values("f32", [2], [0, 0, 0x80, 0x3F]) }
    #expect(throws: JAXReferenceError.self) { try values("u8", [1], [0]) }
  }

  @Test(
    "a file that is not a reference is refused with what is wrong",
    arguments: [
      ("[]", "not a reference file"),
      (#"{"format": "other", "version": 1, "inputs": [], "outputs": []}"#, "format is 'other'"),
      (
        #"{"format": "shardline-jax-reference", "version": 2, "inputs": [], "outputs": []}"#,
        "version 2"
      ),
      (
        #"{"format": "shardline-jax-reference", "version": 1, "inputs": [{"name": "x", "dtype": "f32", "shape": [1], "data": "!!"}], "outputs": []}"#,
        "'x': data is not base64"
      ),
    ])
  func refusesBadFiles(text: String, reason: String) {
    #expect {
      try JAXReference(jsonData: Data(text.utf8))
    } throws: { error in
      "\(error)".contains(reason)
    }
  }
}
