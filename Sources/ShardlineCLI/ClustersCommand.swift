import ArgumentParser
import Foundation
import ShardlineHardware

/// `shardline clusters`: the hardware presets.
struct ClustersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clusters", abstract: "List the cluster presets and their hardware.")

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Print the full cluster file of PRESET[:HOSTS], a starting point for your own.",
      valueName: "spec"))
  var show: String?

  func run() throws {
    if let show {
      let cluster = try ClusterOptions(cluster: show).resolve()
      print(String(decoding: try cluster.jsonData(), as: UTF8.self))
      return
    }
    let cpu = try CPUProfileFile.characteristics()
    let clusters = ClusterSpec.presetNames.compactMap { ClusterSpec.preset(named: $0, cpu: cpu) }
    if json {
      try printJSON(clusters.map(ClusterRow.init))
      return
    }
    let table = TextTable(
      header: ["preset", "device", "per host", "memory", "intra-host link", "network per host"])
    for cluster in clusters {
      let host = cluster.host
      table.add([
        cluster.name, host.device.name, "\(host.devicesPerHost)",
        Format.bytes(Double(host.device.memoryBytes)),
        "\(host.intraHostLink.name) \(Format.rate(host.intraHostLink.bandwidthBytesPerSecond))",
        "\(host.network.nicCount) × \(Format.bits(host.network.nicBandwidthBytesPerSecond))",
      ])
    }
    print(table.render())
    print("\nUse PRESET:HOSTS for several hosts, e.g. --cluster p3.16xlarge:8 (64 GPUs).")
  }
}

/// The JSON row of `shardline clusters --json`.
struct ClusterRow: Encodable {
  var name: String
  var device: String
  var devicesPerHost: Int
  var deviceMemoryBytes: Int
  var intraHostLink: String
  var intraHostBandwidthBytesPerSecond: Double
  var networkBandwidthPerHostBytesPerSecond: Double

  init(_ cluster: ClusterSpec) {
    name = cluster.name
    device = cluster.host.device.name
    devicesPerHost = cluster.host.devicesPerHost
    deviceMemoryBytes = cluster.host.device.memoryBytes
    intraHostLink = cluster.host.intraHostLink.name
    intraHostBandwidthBytesPerSecond = cluster.host.intraHostLink.bandwidthBytesPerSecond
    networkBandwidthPerHostBytesPerSecond = cluster.host.network.hostBandwidthBytesPerSecond
  }
}
