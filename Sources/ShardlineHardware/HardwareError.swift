/// An error in describing hardware: a bad cluster spec string, a bad cluster file, or a value that
/// cannot describe real hardware. Each ``description`` reads as one line naming what is at fault.
public enum HardwareError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `name` is not a preset; `known` lists the presets that are.
  case unknownPreset(name: String, known: [String])
  /// The host count `hosts` in the spec string `spec` is not a positive whole number.
  case invalidHostCount(spec: String, hosts: String)
  /// The file at `path` could not be read.
  case unreadableFile(path: String, reason: String)
  /// The file at `path` is not a valid cluster description; `reason` names the key at fault.
  case malformedFile(path: String, reason: String)
  /// `field` (a dotted key path such as `host.devicesPerHost`) holds `value`, which breaks
  /// `requirement`.
  case invalidValue(field: String, value: String, requirement: String)
  /// The CPU profile at `path` (as `shardline calibrate` writes it) cannot be read or used;
  /// `reason` says why.
  case unusableCPUProfile(path: String, reason: String)

  /// The error as one line for the CLI to print.
  public var description: String {
    switch self {
    case .unknownPreset(let name, let known):
      "unknown cluster preset '\(name)' (known: \(known.joined(separator: ", ")))"
    case .invalidHostCount(let spec, let hosts):
      "bad host count '\(hosts)' in cluster spec '\(spec)': expected a whole number of at least 1"
    case .unreadableFile(let path, let reason): "cannot read cluster file '\(path)': \(reason)"
    case .malformedFile(let path, let reason): "malformed cluster file '\(path)': \(reason)"
    case .invalidValue(let field, let value, let requirement):
      "invalid cluster: \(field) is \(value) but \(requirement)"
    case .unusableCPUProfile(let path, let reason): "cannot use CPU profile '\(path)': \(reason)"
    }
  }
}
