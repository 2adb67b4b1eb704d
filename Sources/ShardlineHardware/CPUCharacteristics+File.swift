import Foundation

/// Reading and writing CPU characteristics as the JSON file `shardline calibrate` writes.
extension CPUCharacteristics {
  /// Reads the CPU characteristics in the JSON file at `path` and checks that they describe a
  /// real machine.
  ///
  /// - Throws: ``HardwareError/unusableCPUProfile(path:reason:)`` naming the missing or bad key,
  ///   or why the file cannot be read.
  public static func load(contentsOf path: String) throws(HardwareError) -> CPUCharacteristics {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unusableCPUProfile(
        path: path, reason: "cannot read it (\(error.localizedDescription))")
    }
    let cpu: CPUCharacteristics
    do {
      cpu = try JSONDecoder().decode(CPUCharacteristics.self, from: data)
    } catch let error as DecodingError {
      throw .unusableCPUProfile(path: path, reason: describe(error))
    } catch {
      throw .unusableCPUProfile(path: path, reason: error.localizedDescription)
    }
    if let problem = cpu.problem {
      throw .unusableCPUProfile(path: path, reason: problem)
    }
    return cpu
  }

  /// The characteristics as pretty-printed JSON with sorted keys, in the form
  /// ``load(contentsOf:)`` reads.
  ///
  /// - Throws: `EncodingError` if a number is not finite.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }

  /// The first value that cannot describe a real machine, as a phrase; `nil` when all can.
  var problem: String? {
    if coreCount < 1 { return "coreCount is \(coreCount) but must be at least 1" }
    if memoryBytes < 1 { return "memoryBytes is \(memoryBytes) but must be positive" }
    let rates = [
      ("f32FlopsPerSecondPerCore", f32FlopsPerSecondPerCore),
      ("memoryBandwidthBytesPerSecond", memoryBandwidthBytesPerSecond),
      ("sharedMemoryBandwidthBytesPerSecond", sharedMemoryBandwidthBytesPerSecond),
    ]
    let kindRates = (elementsPerSecondPerCore ?? [:]).sorted { $0.key < $1.key }.map {
      ("elementsPerSecondPerCore.\($0.key)", $0.value)
    }
    for (key, value) in rates + kindRates where !(value.isFinite && value > 0) {
      return "\(key) is \(value) but must be a positive number"
    }
    let times = [
      ("sharedMemoryLatencySeconds", sharedMemoryLatencySeconds),
      ("perOpOverheadSeconds", perOpOverheadSeconds ?? 0),
      ("matmulHalfEfficiencyFlops", matmulHalfEfficiencyFlops ?? 0),
    ]
    for (key, value) in times where !(value.isFinite && value >= 0) {
      return "\(key) is \(value) but must be zero or more"
    }
    return nil
  }
}

/// One phrase naming the key of a CPU profile that is missing or of the wrong type.
private func describe(_ error: DecodingError) -> String {
  switch error {
  case .keyNotFound(let key, _): "missing key '\(key.stringValue)'"
  case .typeMismatch(_, let context), .valueNotFound(_, let context):
    "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
  case .dataCorrupted(let context):
    context.codingPath.isEmpty
      ? "not valid JSON"
      : "'\(context.codingPath.map(\.stringValue).joined(separator: "."))': "
        + context.debugDescription
  @unknown default: String(describing: error)
  }
}
