/// `value` rounded to three decimals, without a trailing `.0`, independent of locale; used by the
/// module's `description`s so that they are stable in logs and golden tests.
func formatted(_ value: Double) -> String {
  let rounded = (value * 1000).rounded() / 1000
  if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
  return String(rounded)
}

/// A byte count printed in binary units with two decimals (`4.57 GiB`, `512 MiB`), for messages
/// that name sizes.
public struct ByteCount: CustomStringConvertible, Sendable {
  /// The bytes.
  public var bytes: Double

  /// Wraps `bytes`.
  public init(_ bytes: Double) { self.bytes = bytes }

  /// The size in the largest unit that keeps it at least 1.
  public var description: String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    var value = abs(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    let sign = bytes < 0 ? "-" : ""
    return "\(sign)\(formatted((value * 100).rounded() / 100)) \(units[unit])"
  }
}
