/// `value` rounded to three decimals, without a trailing `.0`, independent of locale; used by the
/// module's `description`s so that they are stable in logs and golden tests.
func formatted(_ value: Double) -> String {
  let rounded = (value * 1000).rounded() / 1000
  if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
  return String(rounded)
}
