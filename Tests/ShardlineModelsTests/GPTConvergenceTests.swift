import Foundation
import ShardlineIR
import ShardlineInterpreter
import Testing

@testable import ShardlineModels

@Suite("GPT work and convergence")
struct GPTConvergenceTests {
  @Test("50 Adam steps of the tiny GPT on one fixed batch at least halve its loss")
  func tinyGPTLearns() throws {
    let (graph, first) = try ModelTrainingTests.start("gpt-tiny")
    var inputs = first
    var losses: [Float] = []
    for _ in 0..<50 {
      let outputs = try Interpreter.run(graph, inputs: inputs)
      losses.append(try ModelTrainingTests.loss(graph, outputs))
      inputs = ModelTrainingTests.advance(graph, inputs, outputs)
    }
    #expect(losses[49] < losses[0] / 2, "losses \(losses)")
  }

  /// Megatron-LM's count of one iteration without recomputation (Narayanan et al., SC 2021,
  /// eq. 3 divided by 4/3): 72·B·s·h²·L·(1 + s/6h) + 6·B·s·h·V.
  static func closedFormFlops(_ c: GPTConfig) -> Double {
    let (b, s, h, l, v) = (
      Double(c.batch), Double(c.seq), Double(c.hidden), Double(c.layers), Double(c.vocab)
    )
    return 72 * b * s * h * h * l * (1 + s / (6 * h)) + 6 * b * s * h * v
  }

  @Test(
    "GPT FLOPs per iteration match the closed form within 2 %",
    arguments: ["gpt-350m", "gpt-1.3b", "gpt-6.7b"])
  func gptFlops(name: String) throws {
    let preset = try ModelZoo.preset(named: name)
    guard case .gpt(let config) = preset.model else {
      Issue.record("\(name) is not a GPT preset")
      return
    }
    let graph = try preset.trainingStep()
    let expected = Self.closedFormFlops(config)
    let relative = abs(graph.totalFlops - expected) / expected
    #expect(relative < 0.02, "\(graph.totalFlops) vs \(expected)")
  }
}
