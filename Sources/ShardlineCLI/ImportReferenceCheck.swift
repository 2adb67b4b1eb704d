import Foundation
import ShardlineIR
import ShardlineImport
import ShardlineInterpreter

/// An imported step run by the reference interpreter on the inputs of a JAX reference file,
/// each output compared with the one JAX computed (`shardline import --reference`).
struct ImportReferenceCheck {
  /// One output's comparison.
  struct Row {
    /// The output's name in the reference file (`result[1]['w1']`).
    var name: String
    /// Its type.
    var type: TensorType
    /// The largest element-wise difference relative to JAX's largest magnitude.
    var difference: Double
  }

  /// Every output, in result order.
  let rows: [Row]

  /// The output that differs most, if there are outputs.
  var worst: Row? { rows.max { $0.difference < $1.difference } }

  /// Reads the reference at `referencePath`, runs `graph` on its inputs and compares.
  ///
  /// - Throws: ``CLIError`` naming the file when it cannot be read, or when its inputs or
  ///   outputs do not match the graph's in number or type.
  init(graph: Graph, referencePath: String) throws {
    let reference: JAXReference
    do {
      reference = try JAXReference(
        jsonData: try Data(contentsOf: URL(fileURLWithPath: referencePath)))
    } catch let error as JAXReferenceError {
      throw CLIError("\(referencePath): \(error.reason)")
    } catch {
      throw CLIError("cannot read \(referencePath): \(error.localizedDescription)")
    }
    guard reference.inputs.count == graph.inputs.count,
      reference.outputs.count == graph.outputs.count
    else {
      throw CLIError(
        "\(referencePath): \(reference.inputs.count) inputs and \(reference.outputs.count) outputs, "
          + "but the step has \(graph.inputs.count) and \(graph.outputs.count)")
    }
    var inputs: [HostTensor] = []
    for (input, tensor) in zip(graph.inputs, reference.inputs) {
      let type = graph[input.node].type
      guard tensor.type == type else {
        throw CLIError(
          "\(referencePath): input '\(tensor.name)' is \(tensor.type), the step's is \(type)")
      }
      inputs.append(HostTensor(type, storage: tensor.values))
    }
    let outputs: [HostTensor]
    do {
      outputs = try Interpreter.run(graph, inputs: inputs)
    } catch {
      throw CLIError("the reference interpreter failed on the imported step: \(error)")
    }
    rows = try zip(outputs, reference.outputs).map { got, want in
      let expected = HostTensor(want.type, storage: want.values)
      guard got.type == want.type, let difference = got.relativeDifference(from: expected) else {
        throw CLIError(
          "\(referencePath): output '\(want.name)' is \(want.type), the step's is \(got.type)")
      }
      return Row(name: want.name, type: want.type, difference: difference)
    }
  }

  /// 1e-4, or 2e-2 when any op of `graph` computes in `bf16` or `f16` (a bf16 value carries
  /// 8 significant bits, so one rounding alone is up to 2⁻⁸ ≈ 4e-3, and JAX sums in its own
  /// order).
  static func defaultTolerance(of graph: Graph) -> Double {
    graph.nodes.contains { $0.type.dtype == .bf16 || $0.type.dtype == .f16 } ? 2e-2 : 1e-4
  }

  /// A table of the outputs, the largest difference, and whether it is within `tolerance`.
  func render(tolerance: Double) -> String {
    let table = TextTable(header: ["output", "type", "relative difference"])
    for row in rows {
      table.add([row.name, row.type.description, String(format: "%.2e", row.difference)])
    }
    let worst = self.worst?.difference ?? 0
    let verdict = worst <= tolerance ? "match" : "do NOT match"
    return table.render()
      + "\n\(rows.count) outputs \(verdict) JAX's within \(String(format: "%.0e", tolerance)) "
      + "(largest relative difference \(String(format: "%.2e", worst)))"
  }
}
