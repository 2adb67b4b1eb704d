import Foundation

/// Prints a value as pretty, key-sorted JSON on standard output.
func printJSON<T: Encodable>(_ value: T) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Human-readable quantities with SI or binary prefixes.
enum Format {
  private static func scaled(_ value: Double, _ units: [String], base: Double) -> String {
    var v = value
    var unit = 0
    while abs(v) >= base && unit < units.count - 1 {
      v /= base
      unit += 1
    }
    let digits = abs(v) >= 100 ? "%.0f" : abs(v) >= 10 ? "%.1f" : "%.2f"
    return String(format: digits, v) + " " + units[unit]
  }

  /// `5.27 GiB`.
  static func bytes(_ value: Double) -> String {
    scaled(value, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"], base: 1024)
  }

  /// `1.32 B` (billions), for parameter counts.
  static func count(_ value: Double) -> String {
    scaled(value, ["", "K", "M", "B", "T"], base: 1000).trimmingCharacters(in: .whitespaces)
  }

  /// `4.3 PFLOP`.
  static func flops(_ value: Double) -> String {
    scaled(value, ["FLOP", "KFLOP", "MFLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP"], base: 1000)
  }

  /// `150 GB/s`.
  static func rate(_ bytesPerSecond: Double) -> String {
    scaled(bytesPerSecond, ["B/s", "KB/s", "MB/s", "GB/s", "TB/s"], base: 1000)
  }

  /// `25.0 Gb/s`, for network links.
  static func bits(_ bytesPerSecond: Double) -> String {
    scaled(bytesPerSecond * 8, ["b/s", "Kb/s", "Mb/s", "Gb/s", "Tb/s"], base: 1000)
  }

  /// `12.3 ms`.
  static func seconds(_ value: Double) -> String {
    if value >= 1 { return String(format: "%.2f s", value) }
    if value >= 1e-3 { return String(format: "%.2f ms", value * 1e3) }
    return String(format: "%.1f µs", value * 1e6)
  }
}
