import Foundation
import Synchronization

/// Layer profiles already solved: in memory for this run, and on disk between runs when a
/// directory is given. A file that cannot be read is ignored and solved again.
final class ProfileStore: Sendable {
  private let memory = Mutex<[ProfileKey: LayerProfile]>([:])
  private let directory: URL?

  /// A store; `directory` (created when missing) keeps profiles between runs.
  init(directory: URL?) {
    self.directory = directory
    if let directory {
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
  }

  /// The profile for `key` from memory, else from disk (`fromDisk` then says so).
  func profile(for key: ProfileKey) -> (profile: LayerProfile, fromDisk: Bool)? {
    if let hit = memory.withLock({ $0[key] }) { return (hit, false) }
    guard let directory,
      let data = try? Data(contentsOf: directory.appendingPathComponent(key.fileName)),
      let profile = try? JSONDecoder().decode(LayerProfile.self, from: data)
    else { return nil }
    memory.withLock { $0[key] = profile }
    return (profile, true)
  }

  /// Keeps `profile` in memory and, when there is a directory, on disk.
  func store(_ profile: LayerProfile, for key: ProfileKey) {
    memory.withLock { $0[key] = profile }
    guard let directory, let data = try? JSONEncoder().encode(profile) else { return }
    try? data.write(to: directory.appendingPathComponent(key.fileName), options: .atomic)
  }
}
