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
