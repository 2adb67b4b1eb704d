import Foundation
import ShardlineHardware
import ShardlinePlan
import ShardlineSharding

/// What a layer profile depends on: the slice's structure, the mesh with its link costs, the
/// mode, the options (including the update weight) and the device.
struct ProfileKey: Hashable, Sendable {
  var digest: String
  var mesh: LogicalMesh
  var mode: ShardingMode
  var options: ShardingOptions
  var rematerialization: Bool

  /// A file name for the on-disk cache: a hash of everything above, and of the format version.
  var fileName: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var hasher = StructuralHasher()
    hasher.combine("shardline.profile.v2")
    hasher.combine(digest)
    hasher.combine(String(decoding: (try? encoder.encode(mesh)) ?? Data(), as: UTF8.self))
    hasher.combine(mode.rawValue)
    hasher.combine(rematerialization ? "remat" : "keep")
    hasher.combine(String(decoding: (try? encoder.encode(options)) ?? Data(), as: UTF8.self))
    return hasher.hex + ".json"
  }
}
