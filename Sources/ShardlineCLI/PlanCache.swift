import Foundation
import ShardlineExplorer
import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner

/// Compiled samples kept between runs: `<cache>/plans/<model>-<key>.json`, the key a stable
/// hash of everything the plan depends on (model, training, cluster, planner options).
enum PlanCache {
  /// The plans directory, or `nil` with `--no-cache`.
  static func directory(_ flags: PlannerFlags) -> URL? {
    if flags.noCache { return nil }
    if let directory = flags.cacheDirectory {
      return URL(fileURLWithPath: directory).appendingPathComponent("plans")
    }
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
      ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache")
    return base.appendingPathComponent("shardline/plans")
  }

  /// What the key hashes, encoded as JSON with sorted keys.
  private struct Inputs: Encodable {
    var version = Plan.jsonVersion
    var model: String
    var config: ModelConfig
    var training: TrainingOptions
    var cluster: ClusterSpec
    var options: PlannerOptions
    var schedule: String
  }

  /// The cache file of a plan of `source` on `cluster` by `planner`; `nil` without a
  /// directory or for a model read from a graph file (not cached).
  static func file(
    source: ModelSource, cluster: ClusterSpec, planner: Planner, directory: URL?
  ) -> URL? {
    guard let directory, case .zoo(let name, let config, let training) = source else {
      return nil
    }
    let inputs = Inputs(
      model: name, config: config, training: training, cluster: cluster,
      options: planner.options, schedule: planner.schedule.rawValue)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    guard let data = try? encoder.encode(inputs) else { return nil }
    let key = String(fnv1a(data), radix: 16)
    let padded = String(repeating: "0", count: 16 - key.count) + key
    return directory.appendingPathComponent("\(name)-\(padded).json")
  }

  /// The cached plan at `file`, or `nil` when there is none or it cannot be read.
  static func load(_ file: URL) -> Plan? {
    guard let data = try? Data(contentsOf: file) else { return nil }
    return try? Plan(jsonData: data)
  }

  /// Writes `plan` to `file` atomically, creating the directory.
  ///
  /// - Returns: Why it could not, or `nil`.
  static func store(_ plan: Plan, at file: URL) -> String? {
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try ExplorerStore.writeAtomically(try plan.jsonData(), to: file.path)
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// The 64-bit FNV-1a hash of `data`: the same bytes give the same key in every run (Swift's
  /// `Hasher` is seeded per process).
  static func fnv1a(_ data: Data) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }
}
