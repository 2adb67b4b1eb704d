import COpenBLAS

/// The interpreter's one door to OpenBLAS: single-precision matrix products.
///
/// Every CBLAS call of the module goes through here, so C types never leak into kernels.
enum BLAS {
  /// A row-major matrix operand of a product: its storage, whether it is stored transposed, and
  /// its leading dimension (elements between consecutive stored rows).
  struct Operand {
    /// First element of the stored matrix.
    var base: UnsafePointer<Float>
    /// Whether the stored matrix is the transpose of the logical operand.
    var transposed: Bool
    /// Elements between the starts of consecutive stored rows.
    var leadingDimension: Int
  }

  /// `C = A·B` (overwriting `C`) for a logical `[m, k]` A, `[k, n]` B and `[m, n]` C, all
  /// row-major, with C rows `ldc` elements apart.
  ///
  /// - Precondition: all sizes are positive and fit CBLAS's integer type.
  static func sgemm(
    m: Int, n: Int, k: Int, a: Operand, b: Operand, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    let limit = Int(blasint.max)
    precondition(m > 0 && n > 0 && k > 0, "sgemm sizes must be positive: \(m)×\(k)×\(n)")
    precondition(
      [m, n, k, a.leadingDimension, b.leadingDimension, ldc].allSatisfy { $0 <= limit },
      "sgemm sizes \(m)×\(k)×\(n) exceed the BLAS integer range")
    cblas_sgemm(
      CblasRowMajor, a.transposed ? CblasTrans : CblasNoTrans,
      b.transposed ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k), 1, a.base, blasint(a.leadingDimension),
      b.base, blasint(b.leadingDimension), 0, c, blasint(ldc))
  }
}

/// How many threads OpenBLAS runs each call on.
public enum BLASThreads {
  /// Makes every later OpenBLAS call in this process run on its calling thread alone.
  ///
  /// By default OpenBLAS runs each call on as many threads as there are cores. OpenBLAS's
  /// USAGE.md ("How can I use OpenBLAS in multi-threaded applications?") says an application
  /// that runs its own threads conflicts with that and must set OpenBLAS to one thread, for
  /// instance with `openblas_set_num_threads(1)`. CPU devices are threads, one per core, so a
  /// call from a device must stay on that device's core: on a 2-core machine, four devices
  /// multiplying 1024³ at once reached 26–40 GFLOP/s together with the default and 74–89 with
  /// one thread per call (`shardline calibrate`, on a machine shared with other builds).
  public static func useCallingThreadOnly() {
    openblas_set_num_threads(1)
  }
}
