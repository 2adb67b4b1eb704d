import Foundation

/// Reading clusters from spec strings and JSON files.
extension ClusterSpec {
  /// Parses a cluster spec as the CLI's `--cluster` takes it.
  ///
  /// Forms, tried in this order:
  /// 1. a path ending in `.json`: a JSON file holding a full ``ClusterSpec``;
  /// 2. `PRESET` (one host) or `PRESET:HOSTS`, such as `p3.16xlarge:8` (see ``presetNames``);
  /// 3. any other existing path: a JSON file as in 1.
  ///
  /// Presets come before other paths so that a stray file named like a preset cannot shadow it.
  ///
  /// - Parameters:
  ///   - spec: The spec string.
  ///   - cpu: What the `cpu` cluster preset and a file's `"device": "cpu"` are built from:
  ///     nominal values unless calibrated ones are given.
  /// - Returns: A validated cluster.
  /// - Throws: ``HardwareError/unknownPreset(name:known:)``,
  ///   ``HardwareError/invalidHostCount(spec:hosts:)``, or any error of ``load(contentsOf:)``.
  public static func parse(_ spec: String, cpu: CPUCharacteristics = .nominal)
    throws(HardwareError) -> ClusterSpec
  {
    if spec.hasSuffix(".json") { return try load(contentsOf: spec, cpu: cpu) }
    let presetName: String
    let hostText: String?
    if let colon = spec.firstIndex(of: ":") {
      presetName = String(spec[..<colon])
      hostText = String(spec[spec.index(after: colon)...])
    } else {
      presetName = spec
      hostText = nil
    }
    guard presetNames.contains(presetName) else {
      if FileManager.default.fileExists(atPath: spec) {
        return try load(contentsOf: spec, cpu: cpu)
      }
      throw .unknownPreset(name: presetName, known: presetNames)
    }
    var hostCount = 1
    if let hostText {
      guard let count = Int(hostText), count >= 1 else {
        throw .invalidHostCount(spec: spec, hosts: hostText)
      }
      hostCount = count
    }
    guard let cluster = preset(named: presetName, hostCount: hostCount, cpu: cpu) else {
      preconditionFailure("preset '\(presetName)' is listed in presetNames but not defined")
    }
    return cluster
  }

  /// Reads and validates a cluster from the JSON file at `path` (form documented on ``ClusterSpec``
  /// and ``HostProfile``); a device given as the preset name `cpu` is built from `cpu` and the
  /// host's device count.
  ///
  /// - Throws: ``HardwareError/unreadableFile(path:reason:)`` if the file cannot be read;
  ///   ``HardwareError/malformedFile(path:reason:)`` if it is not valid JSON, misses a key, has a
  ///   value of the wrong type, or holds an impossible value (the reason names the key).
  public static func load(contentsOf path: String, cpu: CPUCharacteristics = .nominal)
    throws(HardwareError) -> ClusterSpec
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadableFile(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else {
      throw .unreadableFile(path: path, reason: "it is a directory")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadableFile(path: path, reason: error.localizedDescription)
    }
    let cluster: ClusterSpec
    do {
      let decoder = JSONDecoder()
      decoder.userInfo[HostProfile.cpuCharacteristicsKey] = cpu
      cluster = try decoder.decode(ClusterSpec.self, from: data)
    } catch let error as DecodingError {
      throw .malformedFile(path: path, reason: explain(error))
    } catch {
      throw .malformedFile(path: path, reason: error.localizedDescription)
    }
    do {
      try cluster.validate()
    } catch {
      throw .malformedFile(path: path, reason: error.description)
    }
    return cluster
  }

  /// The cluster as pretty-printed JSON with sorted keys, in the form ``load(contentsOf:)`` reads.
  ///
  /// - Throws: `EncodingError` if a number is not finite (a validated cluster has none).
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}

/// One line saying which key of a cluster file is wrong and how.
private func explain(_ error: DecodingError) -> String {
  switch error {
  case .keyNotFound(let key, let context):
    return "missing key '\(keyPath(context.codingPath + [key]))'"
  case .typeMismatch(let type, let context):
    return "'\(keyPath(context.codingPath))' should be \(typeName(type))"
  case .valueNotFound(let type, let context):
    return "'\(keyPath(context.codingPath))' is null but should be \(typeName(type))"
  case .dataCorrupted(let context):
    if context.codingPath.isEmpty { return "not valid JSON" }
    return "'\(keyPath(context.codingPath))': \(context.debugDescription)"
  @unknown default:
    return String(describing: error)
  }
}

/// `host.device.memoryBytes`, with array positions as `[0]`.
private func keyPath(_ path: [any CodingKey]) -> String {
  var text = ""
  for key in path {
    if let index = key.intValue {
      text += "[\(index)]"
    } else {
      text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
    }
  }
  return text.isEmpty ? "(top level)" : text
}

private func typeName(_ type: Any.Type) -> String {
  switch type {
  case is Int.Type: "a whole number"
  case is Double.Type: "a number"
  case is String.Type: "a string"
  default: "\(type)"
  }
}
