import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter
import ShardlineRuntime
import Testing

@Suite("local ops on the CPU backend")
struct LocalOpTests {
  typealias F = RuntimeFixtures

  /// tanh(x0·x1 ⊙ x2 + x2) with x0: [4, 3], x1: [3, 5], x2: [4, 5].
  static func graph() throws -> Graph {
    let builder = GraphBuilder(name: "local-ops")
    let x0 = try builder.input("x0", TensorType([4, 3], .f32))
    let x1 = try builder.input("x1", TensorType([3, 5], .f32))
    let x2 = try builder.input("x2", TensorType([4, 5], .f32))
    let product = try builder.dotGeneral(
      x0, x1, DotDimensionNumbers(lhsContracting: [1], rhsContracting: [0]))
    let sum = try builder.add(builder.multiply(product, x2), x2)
    builder.output(try builder.unary(.tanh, sum))
    let graph = builder.build()
    try graph.validate()
    return graph
  }

  /// A one-device program running every node of `graph` in order, buffer i holding node i.
  static func program(for graph: Graph, device: DeviceID) -> DeviceProgram {
    var inputIndex = 0
    var instructions: [Instruction] = []
    for node in graph.nodes {
      let result = BufferID(node.id.rawValue)
      if node.op == .parameter {
        instructions.append(.upload(input: inputIndex, into: result))
        inputIndex += 1
      } else {
        let operands = node.operands.map { BufferID($0.rawValue) }
        instructions.append(.run(node, operands: operands, result: result))
      }
    }
    instructions += graph.outputs.map { .download(BufferID($0.node.rawValue)) }
    return DeviceProgram(device: device, instructions: instructions)
  }

  @Test("dot_general and element-wise ops through the backend equal the interpreter")
  func graphThroughBackend() async throws {
    let graph = try Self.graph()
    let inputs = [[4, 3], [3, 5], [4, 5]].enumerated().map { i, shape in
      HostTensor(
        shape: shape, storage: F.ramp(shape, seed: i).storage.map { $0 / 100 - 0.5 })
    }
    let device = DeviceID(2)
    let backend = CPUBackend(devices: [device])
    let results = try await F.run(
      [Self.program(for: graph, device: device)], inputs: [device: inputs], backend: backend
    ).get()
    #expect(results[device] == (try Interpreter.run(graph, inputs: inputs)))
    #expect(backend.liveBufferCount(on: device) == 0)
  }

  @Test("an op whose operands do not type-check is refused with the node's name")
  func wrongOperandType() throws {
    let backend = CPUBackend(deviceCount: 1)
    let device = DeviceID(0)
    let node = try Self.graph().nodes.first { $0.op.kindName == "dot_general" }!
    let lhs = try backend.upload(F.ramp([4, 3], seed: 0), to: device)
    let rhs = try backend.upload(F.ramp([4, 5], seed: 1), to: device)
    #expect {
      _ = try backend.run(node, operands: [lhs, rhs], on: device)
    } throws: { error in
      guard case .invalidOp(device, node.name, _) = error as? RuntimeError else { return false }
      return true
    }
  }

  @Test("a freed buffer can be neither read nor freed again")
  func freedBuffer() throws {
    let backend = CPUBackend(deviceCount: 1)
    let buffer = try backend.upload(F.ramp([3], seed: 0), to: DeviceID(0))
    #expect(try backend.download(buffer) == F.ramp([3], seed: 0))
    try backend.free(buffer)
    #expect(throws: RuntimeError.unknownBuffer(buffer)) { try backend.download(buffer) }
    #expect(throws: RuntimeError.unknownBuffer(buffer)) { try backend.free(buffer) }
    #expect(backend.liveBufferCount(on: DeviceID(0)) == 0)
  }
}
