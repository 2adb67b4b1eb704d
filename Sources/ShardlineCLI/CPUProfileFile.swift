import Foundation
import ShardlineHardware

/// Where `shardline calibrate` keeps this machine's measured CPU profile, and the one place
/// every command reads it from: `$SHARDLINE_CPU_PROFILE` when set, else `cpu.json` next to the
/// plan cache (`$XDG_CACHE_HOME/shardline/cpu.json`, by default `~/.cache/shardline/cpu.json`).
///
/// The `cpu` cluster and device presets are built from it when it exists and from nominal
/// values otherwise. Plans cached for the `cpu` cluster are keyed by the whole cluster, so a
/// new calibration makes the planner search again rather than reuse plans priced by the old one.
enum CPUProfileFile {
  /// The environment variable that names the profile file instead of the default location.
  static let environmentVariable = "SHARDLINE_CPU_PROFILE"

  /// The profile file's path, whether or not it exists.
  static var path: String {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment[environmentVariable], !path.isEmpty { return path }
    let base =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
      ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache")
    return base.appendingPathComponent("shardline/cpu.json").path
  }

  /// Whether a calibrated profile exists.
  static var hasCalibration: Bool { FileManager.default.fileExists(atPath: path) }

  /// The calibrated profile when the file exists, nominal values otherwise.
  ///
  /// - Throws: ``CLIError`` naming the file when it exists but cannot be used.
  static func characteristics() throws -> CPUCharacteristics {
    let path = path
    guard hasCalibration else { return .nominal }
    do {
      return try CPUCharacteristics.load(contentsOf: path)
    } catch {
      throw CLIError("\(error.description); run `shardline calibrate` again or remove the file")
    }
  }

  /// Writes `profile` to `path` atomically, creating its directory.
  ///
  /// - Throws: ``CLIError`` naming the file when it cannot be written.
  static func write(_ profile: CPUCharacteristics, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try profile.jsonData().write(to: url, options: .atomic)
    } catch {
      throw CLIError("cannot write the CPU profile to '\(path)': \(error.localizedDescription)")
    }
  }
}
