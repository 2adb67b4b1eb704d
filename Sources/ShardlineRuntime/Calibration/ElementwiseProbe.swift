import ShardlineHardware
import ShardlineIR

/// An element-wise kernel run as a local op: two STREAM-like ones for memory bandwidth
/// (McCalpin, "Memory Bandwidth and Machine Balance in Current High Performance Computers",
/// IEEE TCCA Newsletter 1995: copy, scale, add, triad).
public enum ElementwiseKernel: String, Sendable, Hashable, Codable, CaseIterable {
  /// STREAM's scale as `negate(a)`: one array read, one written.
  case scale
  /// STREAM's add as `add(a, b)`: two arrays read, one written.
  case add

  /// Arrays the kernel reads or writes per element.
  var arrays: Int {
    switch self {
    case .scale: 2
    case .add: 3
    }
  }

  /// The op, on `elements` f32 values.
  func node(elements: Int) -> Node {
    let type = TensorType([elements], .f32)
    return switch self {
    case .scale:
      ProbeProgram.node(.unary(.negate), operandCount: 1, type: type, name: "probe/scale")
    case .add: ProbeProgram.node(.binary(.add), operandCount: 2, type: type, name: "probe/add")
    }
  }
}

/// What all device threads reach together in one element-wise kernel.
public struct ElementwiseSample: Sendable, Hashable, Codable {
  /// The kernel.
  public var kernel: ElementwiseKernel
  /// Device threads running it at once.
  public var threads: Int
  /// f32 elements per array.
  public var elements: Int
  /// Seconds of one kernel on one thread while the others run theirs (see
  /// ``ProbeProgram/bestSeconds(_:indices:)``).
  public var seconds: Double

  /// Creates a sample; units are in the names.
  public init(kernel: ElementwiseKernel, threads: Int, elements: Int, seconds: Double) {
    self.kernel = kernel
    self.threads = threads
    self.elements = elements
    self.seconds = seconds
  }

  /// Bytes read and written by all threads per second (the cost model's "bytes accessed":
  /// operands plus result).
  public var aggregateBytesPerSecond: Double {
    Double(threads * kernel.arrays * elements * 4) / seconds
  }
}

/// Times element-wise kernels through the interpreter on CPU devices,
/// the way the runtime runs them (each result is a newly allocated array).
enum ElementwiseProbe {
  /// Runs `repeats` kernels on each of `threads` devices at once, after a warm-up one, and
  /// keeps the best (as ``MatmulProbe`` does).
  static func measure(_ kernel: ElementwiseKernel, elements: Int, threads: Int, repeats: Int)
    throws(RuntimeError) -> ElementwiseSample
  {
    let operands = kernel.arrays - 1
    let programs = (0..<threads).map {
      ProbeProgram.repeatedOp(
        kernel.node(elements: elements), inputCount: operands, repeats: repeats + 1,
        device: DeviceID($0))
    }
    let inputs = (0..<operands).map { ProbeProgram.tensor([elements], seed: UInt64($0)) }
    let report = try ProbeProgram.run(programs, inputs: inputs)
    let best = ProbeProgram.bestSeconds(
      report, indices: (1...repeats).map { operands + 2 * $0 })
    return ElementwiseSample(kernel: kernel, threads: threads, elements: elements, seconds: best)
  }
}
