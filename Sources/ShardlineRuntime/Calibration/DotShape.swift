import ShardlineHardware
import ShardlineIR
import ShardlineInterpreter

/// A `dot_general` problem: `batch` products of `[m, k] × [k, n]`, the right operand stored
/// either as `[k, n]` or transposed as `[n, k]` (as `x · wᵀ` is).
public struct DotShape: Sendable, Hashable, CustomStringConvertible {
  /// Independent products (a leading batch dimension on both operands when above 1).
  public var batch: Int
  /// Rows of the left operand and the result.
  public var m: Int
  /// Columns of the right operand and the result.
  public var n: Int
  /// The contracted dimension.
  public var k: Int
  /// Whether the right operand is stored `[n, k]`.
  public var rhsTransposed: Bool

  /// Creates a shape; sizes must be positive.
  public init(batch: Int = 1, m: Int, n: Int, k: Int, rhsTransposed: Bool = false) {
    precondition(batch > 0 && m > 0 && n > 0 && k > 0, "dot sizes must be positive")
    self.batch = batch
    self.m = m
    self.n = n
    self.k = k
    self.rhsTransposed = rhsTransposed
  }

  /// 2·batch·m·n·k.
  public var flops: Double { 2 * Double(batch) * Double(m) * Double(n) * Double(k) }

  /// `16×512×512×512` or `2048×2048×2048 (wᵀ)`.
  public var description: String {
    (batch > 1 ? "\(batch)×" : "") + "\(m)×\(n)×\(k)" + (rhsTransposed ? " (wᵀ)" : "")
  }

  /// The op and its operands' shapes.
  var problem: (node: Node, lhs: [Int], rhs: [Int]) {
    let leading = batch > 1 ? [batch] : []
    let offset = leading.count
    let numbers = DotDimensionNumbers(
      lhsBatch: batch > 1 ? [0] : [], rhsBatch: batch > 1 ? [0] : [],
      lhsContracting: [offset + 1], rhsContracting: [offset + (rhsTransposed ? 1 : 0)])
    let node = ProbeProgram.node(
      .dotGeneral(numbers), operandCount: 2, type: TensorType(leading + [m, n], .f32),
      name: "probe/dot")
    return (node, leading + [m, k], leading + (rhsTransposed ? [n, k] : [k, n]))
  }
}

/// Times one `dot_general` as a local op on a CPU device (``CPUBackend/run(_:operands:on:)``:
/// the type check, the interpreter's kernel and the result's allocation).
public enum DotLocalOpProbe {
  /// The best of `repeats` runs of `shape` on one device (after one warm-up), in seconds.
  ///
  /// - Throws: A ``RuntimeError`` if the run fails (it should not).
  public static func bestSeconds(_ shape: DotShape, repeats: Int) throws(RuntimeError) -> Double {
    let (node, lhs, rhs) = shape.problem
    let program = ProbeProgram.repeatedOp(
      node, inputCount: 2, repeats: repeats + 1, device: DeviceID(0))
    let report = try ProbeProgram.run(
      [program],
      inputs: [ProbeProgram.tensor(lhs, seed: 1), ProbeProgram.tensor(rhs, seed: 2)])
    let ranges = report.instructionSeconds[DeviceID(0)] ?? []
    return (1...repeats).map { ProbeProgram.duration(ranges[2 + 2 * $0]) }.min() ?? 0
  }
}
