import ArgumentParser
import ShardlineHardware

/// The `--cluster` option shared by commands that need hardware.
struct ClusterOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Cluster: PRESET, PRESET:HOSTS (e.g. p3.16xlarge:8) or a cluster JSON file.",
      valueName: "spec"))
  var cluster: String = "p3.16xlarge"

  init() {}

  /// Options naming `cluster`, as if given on the command line.
  init(cluster: String) { self.cluster = cluster }

  /// The parsed cluster; the `cpu` preset (and a cluster file's `"device": "cpu"`) is built
  /// from this machine's calibrated profile when there is one (see ``CPUProfileFile``).
  func resolve() throws -> ClusterSpec {
    let cpu = try CPUProfileFile.characteristics()
    do {
      return try ClusterSpec.parse(cluster, cpu: cpu)
    } catch {
      throw CLIError(error.description)
    }
  }
}
