import Foundation

/// Human-readable quantities with SI or binary prefixes, three significant digits, for tables
/// and screens (the CLI and the explorer print the same figures).
public enum Format {
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
  public static func bytes(_ value: Double) -> String {
    scaled(value, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"], base: 1024)
  }

  /// `1.32 B` (billions), for parameter counts.
  public static func count(_ value: Double) -> String {
    scaled(value, ["", "K", "M", "B", "T"], base: 1000).trimmingCharacters(in: .whitespaces)
  }

  /// `4.3 PFLOP`.
  public static func flops(_ value: Double) -> String {
    scaled(value, ["FLOP", "KFLOP", "MFLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP"], base: 1000)
  }

  /// `150 GB/s`.
  public static func rate(_ bytesPerSecond: Double) -> String {
    scaled(bytesPerSecond, ["B/s", "KB/s", "MB/s", "GB/s", "TB/s"], base: 1000)
  }

  /// `25.0 Gb/s`, for network links.
  public static func bits(_ bytesPerSecond: Double) -> String {
    scaled(bytesPerSecond * 8, ["b/s", "Kb/s", "Mb/s", "Gb/s", "Tb/s"], base: 1000)
  }

  /// `12.3 ms`.
  public static func seconds(_ value: Double) -> String {
    if value >= 1 { return String(format: "%.2f s", value) }
    if value >= 1e-3 { return String(format: "%.2f ms", value * 1e3) }
    return String(format: "%.1f µs", value * 1e6)
  }
}
