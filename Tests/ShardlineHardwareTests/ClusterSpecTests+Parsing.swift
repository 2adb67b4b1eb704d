import Foundation
import ShardlineHardware
import Testing

@Suite("ClusterSpec parsing")
struct ClusterSpecParsingTests {
  /// A fresh directory under the system's temporary directory.
  private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-hw-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes `text` to `name` in a fresh temporary directory and returns its path.
  private func write(_ text: String, named name: String = "cluster.json") throws -> String {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// A hand-written two-host cluster, as a user would write one.
  private let handWritten = """
    {
      "name": "lab",
      "hostCount": 2,
      "host": {
        "devicesPerHost": 4,
        "device": {
          "name": "a100-40gb", "kind": "gpu",
          "peakFlopsPerSecond": { "f32": 19.5e12, "tf32": 156e12, "f16": 312e12, "bf16": 312e12 },
          "memoryBytes": 42949672960,
          "memoryBandwidthBytesPerSecond": 1.555e12
        },
        "intraHostLink": { "name": "PCIe 4.0", "bandwidthBytesPerSecond": 31.5e9,
                           "latencySeconds": 10e-6 },
        "network": { "name": "100 Gb/s Ethernet", "nicCount": 1,
                     "nicBandwidthBytesPerSecond": 12.5e9, "latencySeconds": 20e-6 }
      }
    }
    """

  @Test("a preset name alone gives one host")
  func presetAlone() throws {
    let cluster = try ClusterSpec.parse("p3.16xlarge")
    #expect(cluster.hostCount == 1)
    #expect(cluster.deviceCount == 8)
  }

  @Test(
    "PRESET:HOSTS scales the preset",
    arguments: [("p3.16xlarge:8", 8), ("dgx-h100:2", 2), ("cpu:1", 1)])
  func presetWithHosts(spec: String, hosts: Int) throws {
    #expect(try ClusterSpec.parse(spec).hostCount == hosts)
  }

  @Test("an unknown preset lists the known ones")
  func unknownPreset() {
    #expect(throws: HardwareError.unknownPreset(name: "tpu-v4", known: ClusterSpec.presetNames)) {
      try ClusterSpec.parse("tpu-v4:2")
    }
  }

  @Test(
    "a host count that is not a whole number of at least 1 is rejected",
    arguments: ["0", "x", "", "-2", "1.5"])
  func badHostCount(hosts: String) {
    #expect(throws: HardwareError.invalidHostCount(spec: "p3.16xlarge:\(hosts)", hosts: hosts)) {
      try ClusterSpec.parse("p3.16xlarge:\(hosts)")
    }
  }

  @Test("a hand-written JSON file loads with every field")
  func handWrittenFile() throws {
    let path = try write(handWritten)
    let cluster = try ClusterSpec.parse(path)
    #expect(cluster.name == "lab")
    #expect(cluster.deviceCount == 8)
    #expect(cluster.host.device == .a100SXM40GB)
    #expect(cluster.host.intraHostLink == .pcie4x16)
    #expect(cluster.host.networkBandwidthPerDeviceBytesPerSecond == 12.5e9 / 4)
  }

  @Test("an existing path without the .json suffix is read as a cluster file")
  func pathWithoutSuffix() throws {
    let path = try write(handWritten, named: "lab-cluster")
    #expect(try ClusterSpec.parse(path).name == "lab")
  }

  @Test("a cluster survives a JSON round trip", arguments: ClusterSpec.presetNames)
  func roundTrip(name: String) throws {
    let cluster = try #require(ClusterSpec.preset(named: name, hostCount: 3))
    let path = try write(String(decoding: try cluster.jsonData(), as: UTF8.self))
    #expect(try ClusterSpec.load(contentsOf: path) == cluster)
  }

  @Test("the JSON form spells units in its keys")
  func jsonKeys() throws {
    let cluster = try #require(ClusterSpec.preset(named: "dgx-a100"))
    let text = String(decoding: try cluster.jsonData(), as: UTF8.self)
    for key in [
      "\"bandwidthBytesPerSecond\"", "\"latencySeconds\"", "\"memoryBytes\"",
      "\"memoryBandwidthBytesPerSecond\"", "\"nicBandwidthBytesPerSecond\"",
      "\"peakFlopsPerSecond\"",
    ] {
      #expect(text.contains(key))
    }
  }

  @Test("a missing file is unreadable")
  func missingFile() throws {
    let path = try temporaryDirectory().appendingPathComponent("absent.json").path
    #expect(throws: HardwareError.unreadableFile(path: path, reason: "no such file")) {
      try ClusterSpec.parse(path)
    }
  }

  @Test("a directory is unreadable")
  func directory() throws {
    let path = try temporaryDirectory().appendingPathComponent("d.json")
    try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
    #expect(throws: HardwareError.unreadableFile(path: path.path, reason: "it is a directory")) {
      try ClusterSpec.parse(path.path)
    }
  }

  @Test(
    "a malformed file names the key at fault",
    arguments: [
      ("{", "not valid JSON"),
      (#"{"name": "x", "hostCount": 1}"#, "missing key 'host'"),
      (#"{"name": "x", "hostCount": "two", "host": {}}"#, "'hostCount' should be a whole number"),
    ])
  func malformed(text: String, reason: String) throws {
    let path = try write(text)
    #expect(throws: HardwareError.malformedFile(path: path, reason: reason)) {
      try ClusterSpec.parse(path)
    }
  }

  @Test("a missing nested key is named by its full path")
  func missingNestedKey() throws {
    let path = try write(handWritten.replacingOccurrences(of: "\"devicesPerHost\": 4,", with: ""))
    #expect(
      throws: HardwareError.malformedFile(path: path, reason: "missing key 'host.devicesPerHost'")
    ) {
      try ClusterSpec.parse(path)
    }
  }

  @Test("an unknown device preset in a file lists the known ones")
  func unknownDevicePreset() throws {
    let file = #"{"name": "x", "hostCount": 1, "host": {"device": "tpu", "devicesPerHost": 1}}"#
    let path = try write(file)
    let known = DeviceProfile.presetNames.joined(separator: ", ")
    #expect(
      throws: HardwareError.malformedFile(
        path: path, reason: "'host.device': unknown device preset 'tpu' (known: \(known))")
    ) {
      try ClusterSpec.parse(path)
    }
  }

  @Test(
    "impossible values in a file are rejected with the key named",
    arguments: [
      (
        "\"devicesPerHost\": 4", "\"devicesPerHost\": 0",
        "host.devicesPerHost is 0 but must be at least 1"
      ),
      ("\"hostCount\": 2", "\"hostCount\": -1", "hostCount is -1 but must be at least 1"),
      (
        "\"memoryBytes\": 42949672960", "\"memoryBytes\": 0",
        "host.device.memoryBytes is 0 but must be at least 1"
      ),
      (
        "\"bandwidthBytesPerSecond\": 31.5e9", "\"bandwidthBytesPerSecond\": 0",
        "host.intraHostLink.bandwidthBytesPerSecond is 0.0 but must be positive and finite"
      ),
    ])
  func impossibleValues(original: String, replacement: String, reason: String) throws {
    let text = handWritten.replacingOccurrences(of: original, with: replacement)
    #expect(text != handWritten)
    let path = try write(text)
    #expect(throws: HardwareError.malformedFile(path: path, reason: "invalid cluster: \(reason)")) {
      try ClusterSpec.parse(path)
    }
  }
}
