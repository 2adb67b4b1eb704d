import ShardlineIR
import ShardlineInterpreter
import Testing

/// Shared helpers of the kernel tests: build a one-op graph, run it, compare elements.
enum KernelTests {
  /// Builds a graph whose inputs are `inputs` (named `x0`, `x1`, …) and whose one output is what
  /// `body` builds from them, runs it, and returns the output.
  static func evaluate(
    _ inputs: [HostTensor], _ body: (GraphBuilder, [Value]) throws(IRError) -> Value
  ) throws -> HostTensor {
    let builder = GraphBuilder(name: "kernel-test")
    var values: [Value] = []
    for (i, input) in inputs.enumerated() {
      values.append(try builder.input("x\(i)", input.type))
    }
    builder.output(try body(builder, values))
    let graph = builder.build()
    try graph.validate()
    return try Interpreter.run(graph, inputs: inputs)[0]
  }

  /// An `f32` tensor (or another type) from row-major values.
  static func tensor(_ shape: [Int], _ values: [Float], _ dtype: DType = .f32) -> HostTensor {
    HostTensor(shape: shape, dtype: dtype, storage: values)
  }

  /// A tensor of `shape` with elements `1, 2, 3, …` (or `start, start + 1, …`).
  static func counting(_ shape: [Int], from start: Float = 1) -> HostTensor {
    let count = shape.reduce(1, *)
    return HostTensor(shape: shape, storage: (0..<count).map { start + Float($0) })
  }

  /// A seeded pseudo-random `f32` tensor with elements in about [-1, 1].
  static func random(_ shape: [Int], seed: UInt64) -> HostTensor {
    var generator = SplitMix64(seed: seed)
    let count = shape.reduce(1, *)
    return HostTensor(
      shape: shape, storage: (0..<count).map { _ in Float(generator.unitInterval() * 2 - 1) })
  }

  /// Whether `a` and `b` agree element-wise within `tolerance` (absolute plus relative).
  static func isClose(_ a: [Float], _ b: [Float], tolerance: Float = 1e-4) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy { x, y in (x - y).magnitude <= tolerance * (1 + y.magnitude) }
  }
}
