import Foundation

/// The host's cache sizes, as Linux describes them under `/sys/devices/system/cpu`.
enum HostCache {
  /// The size in bytes of the highest-level data or unified cache of CPU 0, or `nil` where
  /// sysfs does not say (another OS, a container without it).
  static func lastLevelBytes(
    root: String = "/sys/devices/system/cpu/cpu0/cache"
  ) -> Int? {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root) else {
      return nil
    }
    var best: (level: Int, bytes: Int)?
    for entry in entries where entry.hasPrefix("index") {
      func read(_ name: String) -> String? {
        (try? String(contentsOfFile: "\(root)/\(entry)/\(name)", encoding: .utf8))?
          .trimmingCharacters(in: .whitespacesAndNewlines)
      }
      guard let type = read("type"), type != "Instruction",
        let level = read("level").flatMap(Int.init), let size = read("size").flatMap(bytes)
      else { continue }
      if best.map({ level > $0.level }) ?? true { best = (level, size) }
    }
    return best?.bytes
  }

  /// `32768K` → 33554432; `1M`, `512` (bytes).
  static func bytes(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
    guard let last = text.last else { return nil }
    if let unit = units[last] { return Int(text.dropLast()).map { $0 * unit } }
    return Int(text)
  }
}
