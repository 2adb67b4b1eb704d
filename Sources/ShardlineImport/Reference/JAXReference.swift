import Foundation
import ShardlineIR

/// One set of inputs of a JAX training step and the outputs JAX computed for them, as
/// `Samples/jax/export_train_step.py` writes them next to the step's StableHLO text.
///
/// The file is JSON:
/// `{"format": "shardline-jax-reference", "version": 1, "jax_version": "0.10.2",
///   "inputs": [{"name": "params['w1']", "dtype": "f32", "shape": [4, 8], "data": "…"}, …],
///   "outputs": [{"name": "result[0]", …}, …]}`,
/// inputs in the order of the step's arguments and outputs in the order of its results; `data`
/// is the base64 of the tensor's little-endian bytes in row-major order.
public struct JAXReference: Sendable, Hashable {
  /// The JAX version that computed the outputs.
  public var jaxVersion: String
  /// The step's arguments, in order.
  public var inputs: [ReferenceTensor]
  /// The step's results, in order.
  public var outputs: [ReferenceTensor]

  /// Reads a reference file's contents.
  ///
  /// - Throws: ``JAXReferenceError`` naming the tensor or key at fault.
  public init(jsonData data: Data) throws(JAXReferenceError) {
    let file: FileForm
    do {
      file = try JSONDecoder().decode(FileForm.self, from: data)
    } catch {
      throw JAXReferenceError(reason: "not a reference file (\(Self.describe(error)))")
    }
    guard file.format == "shardline-jax-reference" else {
      throw JAXReferenceError(reason: "format is '\(file.format)', not 'shardline-jax-reference'")
    }
    guard file.version == 1 else {
      throw JAXReferenceError(
        reason: "version \(file.version) is not supported (this build reads 1)")
    }
    jaxVersion = file.jaxVersion ?? "unknown"
    inputs = try file.inputs.map { tensor throws(JAXReferenceError) in try tensor.decoded() }
    outputs = try file.outputs.map { tensor throws(JAXReferenceError) in try tensor.decoded() }
  }

  private static func describe(_ error: any Error) -> String {
    guard let decoding = error as? DecodingError else { return "\(error)" }
    switch decoding {
    case .keyNotFound(let key, let context):
      let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
      return "missing key '\(path)'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
    case .dataCorrupted: return "not valid JSON"
    @unknown default: return "\(decoding)"
    }
  }

  /// The file's JSON layout.
  private struct FileForm: Decodable {
    var format: String
    var version: Int
    var jaxVersion: String?
    var inputs: [TensorForm]
    var outputs: [TensorForm]

    enum CodingKeys: String, CodingKey {
      case format, version, inputs, outputs
      case jaxVersion = "jax_version"
    }
  }

  /// One tensor's JSON layout.
  private struct TensorForm: Decodable {
    var name: String
    var dtype: String
    var shape: [Int]
    var data: String

    func decoded() throws(JAXReferenceError) -> ReferenceTensor {
      guard let type = DType(rawValue: dtype) else {
        throw JAXReferenceError(reason: "'\(name)': unknown dtype '\(dtype)'")
      }
      guard shape.allSatisfy({ $0 >= 0 }) else {
        throw JAXReferenceError(reason: "'\(name)': negative dimension in \(shape)")
      }
      guard let bytes = Data(base64Encoded: data) else {
        throw JAXReferenceError(reason: "'\(name)': data is not base64")
      }
      let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
      guard bytes.count == count * type.byteSize else {
        throw JAXReferenceError(
          reason: "'\(name)': \(bytes.count) bytes of data for \(count) \(dtype) elements")
      }
      return ReferenceTensor(
        name: name, type: TensorType(shape, type), values: ReferenceTensor.decode(bytes, type))
    }
  }
}

/// A tensor of a reference file.
public struct ReferenceTensor: Sendable, Hashable {
  /// Its pytree path as JAX prints it (`params['w1']`, `result[0]`).
  public var name: String
  /// Shape and element type.
  public var type: TensorType
  /// The elements in row-major order (integers and booleans as whole numbers).
  public var values: [Float]

  /// Little-endian elements of `dtype` in `bytes`, as `Float`s.
  static func decode(_ bytes: Data, _ dtype: DType) -> [Float] {
    let raw = [UInt8](bytes)
    let size = dtype.byteSize
    return stride(from: 0, to: raw.count - size + 1, by: size).map {
      Float(FloatBits.element(littleEndian: raw[$0..<($0 + size)], as: dtype))
    }
  }

}

/// Why a reference file could not be read.
public struct JAXReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong, naming the tensor or key.
  public var reason: String

  /// `reference file: 'params['w1']': data is not base64`.
  public var description: String { "reference file: \(reason)" }
}
