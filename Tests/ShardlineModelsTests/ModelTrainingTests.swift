import Foundation
import ShardlineIR
import ShardlineInterpreter
import ShardlineTestSupport
import Testing

@testable import ShardlineModels

@Suite("Running the tiny models")
struct ModelTrainingTests {
  /// A tiny preset's training step in f32 with Adam, and its seeded first inputs.
  static func start(_ name: String) throws -> (Graph, [HostTensor]) {
    let graph = try ModelZoo.preset(named: name).model.trainingStep(
      options: TrainingOptions(optimizer: .adam(learningRate: 1e-2)))
    return (graph, HostTensor.initialInputs(for: graph, seed: 7))
  }

  /// The loss output's value.
  static func loss(_ graph: Graph, _ outputs: [HostTensor]) throws -> Float {
    let index = try #require(graph.outputs.firstIndex { $0.role == .loss })
    return outputs[index].scalar
  }

  /// `inputs` with every input an output replaces set to that output (the next step's inputs).
  static func advance(_ graph: Graph, _ inputs: [HostTensor], _ outputs: [HostTensor])
    -> [HostTensor]
  {
    var next = inputs
    let position = Dictionary(
      uniqueKeysWithValues: graph.inputs.enumerated().map { ($0.element.node, $0.offset) })
    for (output, value) in zip(graph.outputs, outputs) {
      if let replaced = output.replaces, let index = position[replaced] { next[index] = value }
    }
    return next
  }

  @Test("the tiny GPT's loss at initialization is close to ln(vocab)")
  func gptInitialLoss() throws {
    let (graph, inputs) = try Self.start("gpt-tiny")
    let loss = try Self.loss(graph, Interpreter.run(graph, inputs: inputs))
    #expect(abs(Double(loss) - log(64)) < 0.1, "loss \(loss)")
  }

  @Test(
    "a few training steps on one batch give finite, falling losses",
    arguments: ["gpt-tiny", "moe-tiny", "wresnet-tiny", "mlp-tiny"])
  func training(name: String) throws {
    let (graph, first) = try Self.start(name)
    var inputs = first
    var losses: [Float] = []
    for _ in 0..<4 {
      let outputs = try Interpreter.run(graph, inputs: inputs)
      #expect(outputs.allSatisfy { $0.storage.allSatisfy { $0.isFinite } })
      losses.append(try Self.loss(graph, outputs))
      inputs = Self.advance(graph, inputs, outputs)
    }
    #expect(losses.allSatisfy { $0.isFinite })
    #expect(losses.last! < losses.first!, "losses \(losses)")
  }

  @Test("top-2 routing fills each expert slot at most once and each token at most twice")
  func routing() throws {
    let (graph, inputs) = try Self.start("moe-tiny")
    let dispatchIn = try #require(
      graph.nodes.first { $0.name == "block1/moe/dot_general" && $0.phase == .forward })
    let combineOut = try #require(
      graph.nodes.last { $0.name == "block1/moe/dot_general" && $0.phase == .forward })
    let values = try Interpreter.values(
      of: [dispatchIn.operands[0], combineOut.operands[0]], in: graph, inputs: inputs)
    let (dispatch, combine) = (values[0], values[1])
    #expect(dispatch.shape == [4, 16, 4, 8])
    #expect(dispatch.storage.allSatisfy { $0 == 0 || $0 == 1 })
    let (groups, tokens, experts, slots) = (4, 16, 4, 8)
    var routedTokens = 0
    for g in 0..<groups {
      for s in 0..<tokens {
        var choices: Float = 0
        var weight: Float = 0
        for e in 0..<experts {
          for c in 0..<slots {
            choices += dispatch[g, s, e, c]
            weight += combine[g, s, e, c]
          }
        }
        #expect(choices <= 2)
        #expect(weight <= 1 + 1e-5)
        if choices == 2 {
          routedTokens += 1
          #expect(abs(weight - 1) < 1e-5)
        }
      }
      for e in 0..<experts {
        for c in 0..<slots {
          let fill = (0..<tokens).reduce(Float(0)) { $0 + dispatch[g, $1, e, c] }
          #expect(fill <= 1)
        }
      }
    }
    #expect(routedTokens > 0)
  }

  /// MoE is checked along each parameter's gradient instead (below): its top-2 routing is
  /// piecewise constant, and single-coordinate steps large enough to rise above f32 rounding
  /// can move a token to another expert.
  @Test(
    "autodiff gradients of the tiny models agree with finite differences",
    arguments: ["gpt-tiny", "wresnet-tiny", "mlp-tiny"])
  func gradients(name: String) throws {
    let model = try ModelZoo.preset(named: name).model
    let check = try GradientCheck(name: name, forward: model.forward)
    for comparison in try check.compare(directions: 0, coordinates: 8) {
      #expect(comparison.relativeError(floor: 1e-2) < 0.05, "\(comparison)")
    }
  }

  @Test(
    "MoE gate and expert gradients agree with finite differences along the gradient",
    arguments: [
      "block1/moe/gate/w", "block1/moe/experts/fc1/w", "block1/moe/experts/fc2/b",
      "block0/attn/qkv/w", "embed/wte",
    ])
  func moeGradients(parameter: String) throws {
    let model = try ModelZoo.preset(named: "moe-tiny").model
    let check = try GradientCheck(name: "moe-tiny", forward: model.forward)
    let inputs = HostTensor.initialInputs(for: check.graph, seed: 7)
    let gradients = try check.evaluate(inputs).gradients
    let p = try #require(check.parameters.firstIndex { check.graph[$0.node].name == parameter })
    let position = try #require(
      check.graph.inputs.firstIndex { $0.node == check.parameters[p].node })
    // Along the unit vector g/|g| the directional derivative is |g|; one parameter tensor moves
    // at once, so the signal stands well above f32 rounding of the loss.
    let gradient = gradients[p].storage
    let norm = gradient.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    // Small enough that no token changes expert along the step: top-2 routing is piecewise
    // constant, and a step of 1e-3 was seen to cross a routing boundary.
    let epsilon = 1e-4
    func loss(_ sign: Double) throws -> Double {
      var moved = inputs
      for i in gradient.indices {
        moved[position].storage[i] += Float(sign * epsilon * Double(gradient[i]) / norm)
      }
      return try check.evaluate(moved).loss
    }
    let numeric = try (loss(1) - loss(-1)) / (2 * epsilon)
    #expect(abs(norm - numeric) <= 0.05 * norm, "autodiff \(norm), finite differences \(numeric)")
  }
}
