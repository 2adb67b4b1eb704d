import ShardlineIR
import ShardlineInterpreter
import Testing

@Suite("Interpreter")
struct InterpreterTests {
  /// y = tanh(x·w) summed, with x: [2, 3] and w: [3, 2].
  func graph() throws -> (Graph, hidden: NodeID) {
    let b = GraphBuilder(name: "tiny")
    let x = try b.input("x", TensorType([2, 3], .f32))
    let w = try b.weight("w", [3, 2], initializer: .normal(stddev: 1))
    let h = try b.unary(.tanh, b.matmul(x, w))
    b.output(try b.sum(h, dimensions: [0, 1]), role: .value)
    b.output(h)
    return (b.build(), h.id)
  }

  @Test("runs a graph and returns outputs in order")
  func run() throws {
    let (g, _) = try graph()
    let x = HostTensor(shape: [2, 3], storage: [1, 0, 0, 0, 1, 0])
    let w = HostTensor(shape: [3, 2], storage: [0.5, -0.5, 1, 0, 0, 0])
    let outputs = try Interpreter.run(g, inputs: [x, w])
    // x·w = [[0.5 -0.5] [1 0]]; tanh → [[0.4621 -0.4621] [0.7616 0]]; sum = 0.7616.
    #expect(outputs.count == 2)
    #expect(KernelTests.isClose(outputs[1].storage, [0.462117, -0.462117, 0.761594, 0]))
    #expect(KernelTests.isClose(outputs[0].storage, [0.761594]))
  }

  @Test("returns the values of requested nodes, including inputs and repeats")
  func requestedValues() throws {
    let (g, hidden) = try graph()
    let inputs = HostTensor.initialInputs(for: g, seed: 3)
    let values = try Interpreter.values(
      of: [hidden, g.inputs[1].node, hidden], in: g, inputs: inputs)
    #expect(values[0] == values[2])
    #expect(values[1] == inputs[1])
    #expect(values[0] == (try Interpreter.run(g, inputs: inputs))[1])
  }

  @Test("an input of the wrong shape is named in the error")
  func wrongShape() throws {
    let (g, _) = try graph()
    let error = #expect(throws: InterpreterError.self) {
      try Interpreter.run(
        g, inputs: [HostTensor.zeros(shape: [2, 3]), HostTensor.zeros(shape: [2, 3])])
    }
    #expect(error?.description == "input 1 'w' (%1) must be f32[3,2], got f32[2,3]")
  }

  @Test("wrong input counts, dtypes and unknown nodes are errors")
  func otherErrors() throws {
    let (g, _) = try graph()
    #expect(throws: InterpreterError.inputCount(graph: "tiny", expected: 2, got: 1)) {
      try Interpreter.run(g, inputs: [HostTensor.zeros(shape: [2, 3])])
    }
    let wrongType = HostTensor.zeros(shape: [2, 3], dtype: .bf16)
    let error = #expect(throws: InterpreterError.self) {
      try Interpreter.run(g, inputs: [wrongType, HostTensor.zeros(shape: [3, 2])])
    }
    #expect(error?.description == "input 0 'x' (%0) must be f32[2,3], got bf16[2,3]")
    #expect(throws: InterpreterError.unknownNode(NodeID(99))) {
      try Interpreter.values(
        of: [NodeID(99)], in: g, inputs: HostTensor.initialInputs(for: g, seed: 1))
    }
  }

  @Test("gradients from autodiff agree with central finite differences")
  func finiteDifferences() throws {
    // A tiny language model: embedding, causal attention, linear head, cross-entropy.
    let b = GraphBuilder(name: "tiny-lm")
    let ids = try b.input("ids", TensorType([2, 4], .i32), initializer: .integers(upperBound: 5))
    let labels = try b.input(
      "labels", TensorType([2, 4], .i32), initializer: .integers(upperBound: 5))
    let table = try b.weight("embedding", [5, 8], initializer: .normal(stddev: 0.5))
    let x = try b.embeddingLookup(table, ids: ids)
    let h = try b.add(x, b.selfAttention(x, heads: 2, causal: true))
    let logits = try b.linear(h, 5, label: "head")
    let loss = try b.softmaxCrossEntropy(logits: logits, labels: labels)
    b.output(loss, role: .loss)
    let parameters = b.parameters
    let gradients = try Autodiff.gradients(of: loss, withRespectTo: parameters, in: b)
    for g in gradients { b.output(g) }
    let graph = b.build()
    try graph.validate()
    let inputs = HostTensor.initialInputs(for: graph, seed: 11)
    let analytic = try Interpreter.run(graph, inputs: inputs)
    #expect(analytic[1...].allSatisfy { $0.storage.contains { $0 != 0 } })
    let epsilon: Float = 1e-2
    for (p, parameter) in parameters.enumerated() {
      let position = graph.inputs.firstIndex { $0.node == parameter.id }!
      for element in stride(from: 0, to: parameter.type.elementCount, by: 7) {
        var plus = inputs
        var minus = inputs
        plus[position].storage[element] += epsilon
        minus[position].storage[element] -= epsilon
        let numeric =
          (try Interpreter.run(graph, inputs: plus)[0].scalar
            - Interpreter.run(graph, inputs: minus)[0].scalar) / (2 * epsilon)
        let exact = analytic[1 + p].storage[element]
        #expect(
          abs(numeric - exact) < 2e-3 + 2e-2 * abs(exact), "parameter \(p) element \(element)")
      }
    }
  }
}
