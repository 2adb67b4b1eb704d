/// Whether `actual` equals `expected` up to a relative error of `tolerance` (floating-point costs
/// computed in a different order than the hand arithmetic in the tests).
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
  abs(actual - expected) <= tolerance * max(abs(expected), 1e-300)
}
