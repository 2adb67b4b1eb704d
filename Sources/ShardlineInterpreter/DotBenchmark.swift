import ShardlineIR

/// The interpreter's and OpenBLAS's matrix-product rates on one problem size.
public struct DotBenchmarkResult: Sendable, Equatable {
  /// Rows of the left operand and the result.
  public var m: Int
  /// Columns of the right operand and the result.
  public var n: Int
  /// The contracted dimension.
  public var k: Int
  /// Best wall time of one interpreter run of the `dot_general` graph, in seconds.
  public var interpreterSeconds: Double
  /// Best wall time of one direct `cblas_sgemm` call on the same buffers, in seconds.
  public var sgemmSeconds: Double

  /// Creates a result.
  public init(m: Int, n: Int, k: Int, interpreterSeconds: Double, sgemmSeconds: Double) {
    self.m = m
    self.n = n
    self.k = k
    self.interpreterSeconds = interpreterSeconds
    self.sgemmSeconds = sgemmSeconds
  }

  /// Floating-point operations of one product: 2·m·n·k.
  public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
  /// The interpreter's rate, in FLOP/s.
  public var interpreterFlopsPerSecond: Double { flops / interpreterSeconds }
  /// Direct `sgemm`'s rate, in FLOP/s.
  public var sgemmFlopsPerSecond: Double { flops / sgemmSeconds }
  /// The interpreter's rate as a fraction of direct `sgemm`'s (1 means no overhead).
  public var efficiency: Double { sgemmSeconds / interpreterSeconds }
}

/// Measures how close the interpreter's `dot_general` comes to OpenBLAS's own `sgemm`
/// (`shardline bench dot`).
public enum DotBenchmark: Sendable {
  /// Times a `[m, k] × [k, n]` `dot_general` graph in the interpreter against `cblas_sgemm`
  /// called directly on the same input buffers, keeping the best of `repeats` runs of each.
  ///
  /// The interpreter's time includes everything a graph run does (input checks, allocating and
  /// zeroing the result); inputs are seeded normal draws.
  ///
  /// - Precondition: `m`, `n`, `k` and `repeats` are positive.
  public static func measure(m: Int, n: Int, k: Int, repeats: Int) -> DotBenchmarkResult {
    precondition(m > 0 && n > 0 && k > 0 && repeats > 0, "sizes and repeats must be positive")
    let graph = productGraph(m: m, n: n, k: k)
    let inputs = HostTensor.initialInputs(for: graph, seed: 1)
    let clock = ContinuousClock()
    var interpreterBest = Double.infinity
    for _ in 0..<repeats {
      let start = clock.now
      let result = try? Interpreter.run(graph, inputs: inputs)
      let elapsed = clock.now - start
      precondition(result?.first?.elementCount == m * n, "benchmark graph failed to run")
      interpreterBest = min(interpreterBest, seconds(elapsed))
    }
    let sgemmBest = bestSgemmSeconds(
      inputs[0].storage, inputs[1].storage, m: m, n: n, k: k, repeats: repeats)
    return DotBenchmarkResult(
      m: m, n: n, k: k, interpreterSeconds: interpreterBest, sgemmSeconds: sgemmBest)
  }

  /// The best wall time of `repeats` direct `cblas_sgemm` calls of a row-major `[m, k] × [k, n]`
  /// product on seeded inputs, in seconds: OpenBLAS's own rate, with nothing of the
  /// interpreter around it.
  ///
  /// - Precondition: `m`, `n`, `k` and `repeats` are positive.
  public static func sgemmSeconds(m: Int, n: Int, k: Int, repeats: Int) -> Double {
    precondition(m > 0 && n > 0 && k > 0 && repeats > 0, "sizes and repeats must be positive")
    var generator = SplitMix64(seed: 1)
    let a = (0..<m * k).map { _ in Float(generator.unitInterval()) }
    let b = (0..<k * n).map { _ in Float(generator.unitInterval()) }
    return bestSgemmSeconds(a, b, m: m, n: n, k: k, repeats: repeats)
  }

  private static func bestSgemmSeconds(
    _ lhs: [Float], _ rhs: [Float], m: Int, n: Int, k: Int, repeats: Int
  ) -> Double {
    let clock = ContinuousClock()
    var best = Double.infinity
    var product = [Float](repeating: 0, count: m * n)
    lhs.withUnsafeBufferPointer { a in
      rhs.withUnsafeBufferPointer { b in
        product.withUnsafeMutableBufferPointer { c in
          for _ in 0..<repeats {
            let start = clock.now
            BLAS.sgemm(
              m: m, n: n, k: k,
              a: BLAS.Operand(base: a.baseAddress!, transposed: false, leadingDimension: k),
              b: BLAS.Operand(base: b.baseAddress!, transposed: false, leadingDimension: n),
              c: c.baseAddress!, ldc: n)
            best = min(best, seconds(clock.now - start))
          }
        }
      }
    }
    return best
  }

  /// `x: f32[m,k]`, `w: f32[k,n]`, output `x·w`.
  private static func productGraph(m: Int, n: Int, k: Int) -> Graph {
    let builder = GraphBuilder(name: "bench-dot")
    do {
      let x = try builder.input("x", TensorType([m, k], .f32), initializer: .normal(stddev: 1))
      let w = try builder.input("w", TensorType([k, n], .f32), initializer: .normal(stddev: 1))
      builder.output(try builder.matmul(x, w))
    } catch {
      preconditionFailure("benchmark graph is ill-typed: \(error)")
    }
    return builder.build()
  }

  private static func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) * 1e-18
  }
}
