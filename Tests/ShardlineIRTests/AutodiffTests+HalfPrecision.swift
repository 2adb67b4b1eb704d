import Foundation
import ShardlineIR
import ShardlineInterpreter
import Testing

extension AutodiffTests {
  @Test("rsqrt's gradient of a layer norm's small f16 variance stays finite")
  func rsqrtInHalfPrecision() throws {
    // y = rsqrt(2e-4) ≈ 70.7 in f16; dy/dx = -1/2 · y³ ≈ -176,800, whose y³ alone (353,600)
    // overflows f16's 65,504; the cotangent 1e-3 brings the gradient back to ≈ -176.8.
    let b = GraphBuilder(name: "rsqrt-f16")
    let x = try b.input("x", TensorType([4], .f16), role: .parameter)
    let y = try b.unary(.rsqrt, x)
    let loss = try b.sum(b.scale(b.convert(y, to: .f32), by: 1e-3), dimensions: [0])
    let gradient = try Autodiff.gradients(of: loss, withRespectTo: [x], in: b)[0]
    b.output(gradient)
    let outputs = try Interpreter.run(
      b.build(), inputs: [HostTensor(shape: [4], dtype: .f16, storage: [2e-4, 2e-4, 1, 4])])
    let expected: [Float] = [2e-4, 2e-4, 1, 4].map { -0.5e-3 * pow($0, -1.5) }
    for (got, want) in zip(outputs[0].storage, expected) {
      #expect(got.isFinite && abs(got - want) <= 2e-3 * abs(want), "\(got) vs \(want)")
    }
  }
}
