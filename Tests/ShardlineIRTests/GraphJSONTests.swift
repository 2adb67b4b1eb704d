import Foundation
import Testing

@testable import ShardlineIR

@Suite("Graph JSON form")
struct GraphJSONTests {
  static func sampleGraph() throws -> Graph {
    try TrainingStep.build(
      name: "sample", options: TrainingOptions(optimizer: .adam(learningRate: 0.01))
    ) { b in
      let x = try b.input("x", TensorType([4, 3], .f32), initializer: .normal(stddev: 1))
      let labels = try b.input(
        "labels", TensorType([4], .i32), initializer: .integers(upperBound: 2))
      let h = try b.layer(0, named: "dense") { try b.gelu(b.linear(x, 5, label: "fc")) }
      let logits = try b.layer(1, named: "head") { try b.linear(h, 2, label: "out") }
      return try b.layer(1, named: "head") {
        try b.softmaxCrossEntropy(logits: logits, labels: labels)
      }
    }
  }

  @Test("a graph round-trips through JSON byte-identically")
  func roundTrip() throws {
    let graph = try Self.sampleGraph()
    let data = try graph.jsonData()
    let decoded = try Graph(jsonData: data)
    #expect(decoded == graph)
    #expect(try decoded.jsonData() == data)
  }

  /// Imported JAX steps fill with NaN and −∞, which JSON has no numbers for.
  @Test("constants that are not finite round-trip as \"nan\", \"inf\" and \"-inf\"")
  func nonFiniteConstants() throws {
    let b = GraphBuilder(name: "fills")
    let x = try b.input("x", TensorType([3], .f32))
    let filled = try b.constant([.nan, .infinity, -.infinity], TensorType([3], .f32))
    let lowest = try b.constant(-.infinity, TensorType([3], .f32))
    b.output(try b.add(try b.maximum(x, lowest), filled), role: .value)
    let graph = b.build()
    let data = try graph.jsonData()
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"nan\"") && text.contains("\"-inf\""))
    let decoded = try Graph(jsonData: data)
    guard case .constant(.dense(let values)) = decoded[filled.id].op,
      case .constant(.splat(let splat)) = decoded[lowest.id].op
    else {
      Issue.record("constants did not come back")
      return
    }
    #expect(values[0].isNaN && values[1] == .infinity && values[2] == -.infinity)
    #expect(splat == -.infinity)
    #expect(try decoded.jsonData() == data)
  }

  @Test("the file carries its format and version")
  func envelope() throws {
    let text = String(decoding: try Self.sampleGraph().jsonData(), as: UTF8.self)
    #expect(text.contains("\"format\" : \"shardline.graph\""))
    #expect(text.contains("\"version\" : 1"))
  }

  @Test(
    "malformed JSON names the place at fault",
    arguments: [
      ("{", "malformed graph JSON"),
      (
        #"{"format": "shardline.graph", "version": 9, "graph": null}"#, "version 9 is not supported"
      ),
      (#"{"format": "other", "version": 1}"#, "format is 'other'"),
      (
        #"{"format": "shardline.graph", "version": 1, "graph": {"name": "g", "nodes": [{"id": 0}], "inputs": [], "outputs": []}}"#,
        "graph.nodes[0]: missing key"
      ),
    ])
  func malformed(text: String, expected: String) {
    #expect {
      _ = try Graph(jsonData: Data(text.utf8))
    } throws: { error in
      "\(error)".contains(expected)
    }
  }

  @Test("an unknown op kind is reported with its path")
  func unknownOp() throws {
    var text = String(decoding: try Self.sampleGraph().jsonData(), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"kind\" : \"tanh\"", with: "\"kind\" : \"frobnicate\"")
    #expect {
      _ = try Graph(jsonData: Data(text.utf8))
    } throws: { error in
      "\(error)".contains("unknown op kind 'frobnicate'") && "\(error)".contains("nodes[")
    }
  }

  @Test("a node whose declared type contradicts its operands is rejected")
  func badShape() throws {
    var graph = try Self.sampleGraph()
    let index = graph.nodes.firstIndex { $0.op.kindName == "dot_general" }!
    graph.nodes[index].type.shape[0] += 1
    let data = try graph.jsonData()
    #expect {
      _ = try Graph(jsonData: data)
    } throws: { error in
      "\(error)".contains("dot_general") && "\(error)".contains("declared type")
    }
  }

  @Test("an operand that is not an earlier node is rejected")
  func forwardReference() throws {
    var graph = try Self.sampleGraph()
    let last = graph.nodes.count - 1
    let index = graph.nodes.firstIndex { !$0.operands.isEmpty }!
    graph.nodes[index].operands[0] = NodeID(last)
    #expect(throws: IRError.self) { try graph.validate() }
  }
}
