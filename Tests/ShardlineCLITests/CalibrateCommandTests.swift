import Foundation
import ShardlineHardware
import ShardlineTestSupport
import Testing

/// `shardline calibrate` writes a profile that the cpu presets then read, and
/// `shardline bench runtime` prints its three sections; both in their quick modes, with the
/// profile location pointed at a temporary directory.
@Suite("calibrate and bench runtime")
struct CalibrateCommandTests {
  /// `SHARDLINE_CPU_PROFILE` naming a file in a fresh temporary directory.
  private func profileEnvironment() throws -> (path: String, environment: [String: String]) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-calibrate-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("profile/cpu.json").path
    return (path, ["SHARDLINE_CPU_PROFILE": path])
  }

  @Test("calibrate writes the profile where the presets read it, and `clusters --show cpu` uses it")
  func calibrateThenPresets() throws {
    let (path, environment) = try profileEnvironment()
    let result = try ShardlineBinary.run(["calibrate", "--quick"], environment: environment)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("dot_general 32³"))
    #expect(result.output.contains("cpu profile"))
    #expect(result.output.contains("profile written to \(path)"))
    let profile = try CPUCharacteristics.load(contentsOf: path)
    let shown = try ShardlineBinary.run(["clusters", "--show", "cpu"], environment: environment)
    #expect(shown.status == 0, "\(shown.error)")
    let cluster = try JSONDecoder().decode(ClusterSpec.self, from: Data(shown.output.utf8))
    #expect(cluster.host.device == DeviceProfile.cpu(profile))
    #expect(cluster.host.intraHostLink == LinkProfile.sharedMemory(profile))
  }

  @Test("--output writes the profile to the file named instead")
  func output() throws {
    let (path, environment) = try profileEnvironment()
    let other = path.replacingOccurrences(of: "cpu.json", with: "other.json")
    let result = try ShardlineBinary.run(
      ["calibrate", "--quick", "--output", other], environment: environment)
    #expect(result.status == 0, "\(result.error)")
    #expect(FileManager.default.fileExists(atPath: other))
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("a broken profile is one error line naming the file, for any cluster")
  func brokenProfile() throws {
    let (path, environment) = try profileEnvironment()
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
    let result = try ShardlineBinary.run(
      ["inspect", "--model", "mlp-tiny", "--cluster", "cpu"], environment: environment)
    #expect(result.status == 1)
    #expect(result.errorLines.count == 1)
    #expect(result.error.contains("cannot use CPU profile '\(path)'"))
  }

  @Test("bench runtime prints the dot, overhead and plan sections")
  func benchRuntime() throws {
    let (_, environment) = try profileEnvironment()
    let result = try ShardlineBinary.run(["bench", "runtime", "--quick"], environment: environment)
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("cblas_sgemm"))
    #expect(result.output.contains("per instruction"))
    #expect(result.output.contains("mlp-tiny"))
    #expect(result.output.contains("cpu profile: nominal (not calibrated)"))
  }
}
