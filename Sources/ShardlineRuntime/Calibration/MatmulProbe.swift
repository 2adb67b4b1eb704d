import ShardlineHardware
import ShardlineIR

/// What one device thread's `dot_general` reaches while `threads` device threads run one each.
public struct MatmulSample: Sendable, Hashable, Codable {
  /// Device threads computing at once.
  public var threads: Int
  /// n of the n×n×n product.
  public var size: Int
  /// Seconds of one product on one thread while the others compute theirs (see
  /// ``ProbeProgram/bestSeconds(_:indices:)``).
  public var secondsPerProduct: Double

  /// Creates a sample; units are in the names.
  public init(threads: Int, size: Int, secondsPerProduct: Double) {
    self.threads = threads
    self.size = size
    self.secondsPerProduct = secondsPerProduct
  }

  /// FLOPs of one product: 2n³.
  public var flopsPerProduct: Double { 2 * pow3(size) }
  /// All threads together: threads · 2n³ / ``secondsPerProduct``, in FLOP/s.
  public var aggregateFlopsPerSecond: Double {
    Double(threads) * flopsPerProduct / secondsPerProduct
  }
  /// One thread's share of ``aggregateFlopsPerSecond``, in FLOP/s.
  public var flopsPerSecondPerThread: Double { aggregateFlopsPerSecond / Double(threads) }
}

/// Times `dot_general` as a local op on CPU devices, which is OpenBLAS `sgemm` behind the
/// interpreter's kernel (``CPUBackend/run(_:operands:on:)``).
enum MatmulProbe {
  /// Runs `repeats` n×n×n products on each of `threads` devices at once, after a warm-up one,
  /// and keeps the best (see ``ProbeProgram/bestSeconds(_:indices:)``).
  static func measure(size: Int, threads: Int, repeats: Int) throws(RuntimeError)
    -> MatmulSample
  {
    let node = ProbeProgram.matmul(m: size, n: size, k: size)
    let programs = (0..<threads).map {
      ProbeProgram.repeatedOp(node, inputCount: 2, repeats: repeats + 1, device: DeviceID($0))
    }
    let inputs = [
      ProbeProgram.tensor([size, size], seed: 1), ProbeProgram.tensor([size, size], seed: 2),
    ]
    let report = try ProbeProgram.run(programs, inputs: inputs)
    let best = ProbeProgram.bestSeconds(report, indices: (1...repeats).map { 2 + 2 * $0 })
    return MatmulSample(threads: threads, size: size, secondsPerProduct: best)
  }
}

/// n³ as a `Double`.
private func pow3(_ n: Int) -> Double { Double(n) * Double(n) * Double(n) }
