import ArgumentParser
import ShardlineCost
import ShardlineHardware
import ShardlineIR

/// `shardline inspect`: what a model's training step is made of and whether one device holds it.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show a model's parameters, FLOPs per step, ops, and memory on one device.")

  @OptionGroup var model: ModelOptions
  @OptionGroup var cluster: ClusterOptions

  @Option(help: "Device to check against (a device preset name); default: the cluster's device.")
  var device: String?

  @Flag(name: .long, help: "Print JSON instead of text.")
  var json = false

  func run() throws {
    let graph = try model.resolvedGraph()
    let deviceProfile = try resolvedDevice()
    let summary = GraphCostSummary(graph: graph, model: ComputeCostModel(device: deviceProfile))
    let description = model.isGraphFile ? "graph file" : "\(try model.resolvedPreset().model)"
    let report = InspectReport(
      graph: graph, description: description, device: deviceProfile, summary: summary)
    if json {
      try printJSON(report)
    } else {
      print(report.text)
    }
  }

  private func resolvedDevice() throws -> DeviceProfile {
    if let device {
      let cpu = try CPUProfileFile.characteristics()
      guard let profile = DeviceProfile.preset(named: device, cpu: cpu) else {
        let known = DeviceProfile.presetNames.joined(separator: ", ")
        throw CLIError("unknown device '\(device)' (known: \(known))")
      }
      return profile
    }
    return try cluster.resolve().host.device
  }
}

/// Everything `inspect` reports, as text or JSON.
struct InspectReport: Encodable {
  var model: String
  var configuration: String
  var parameters: Int
  var parameterBytes: Int
  var flopsPerStep: Double
  var flopsByPhase: [String: Double]
  var nodeCount: Int
  var opCounts: [String: Int]
  var device: String
  var deviceMemoryBytes: Int
  var memory: MemoryBreakdown
  var fitsOnOneDevice: Bool
  var estimatedSecondsOnOneDevice: Double

  init(graph: Graph, description: String, device: DeviceProfile, summary: GraphCostSummary) {
    model = graph.name
    configuration = description
    parameters = graph.parameterCount
    parameterBytes = graph.parameterBytes
    flopsPerStep = summary.totalFlops
    flopsByPhase = Dictionary(
      uniqueKeysWithValues: summary.flopsByPhase.map { ($0.key.rawValue, $0.value) })
    nodeCount = graph.nodes.count
    opCounts = graph.opCounts
    self.device = device.name
    deviceMemoryBytes = device.memoryBytes
    memory = summary.memory
    fitsOnOneDevice = summary.fits
    estimatedSecondsOnOneDevice = summary.totalSeconds
  }

  var text: String {
    let phases = Phase.allCases.map {
      "\($0.rawValue) \(Format.flops(flopsByPhase[$0.rawValue] ?? 0))"
    }
    let ops = opCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    let shownOps = ops.prefix(8).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    let rest = ops.dropFirst(8).reduce(0) { $0 + $1.value }
    let m = memory
    let total = Double(m.totalBytes)
    let verdict =
      fitsOnOneDevice
      ? "yes (\(Format.bytes(Double(deviceMemoryBytes) - total)) to spare)"
      : String(
        format: "no: needs %.1f× one device's memory, so it must be split across devices",
        total / Double(deviceMemoryBytes))
    let lines = [
      ("model", "\(model) — \(configuration)"),
      (
        "parameters",
        "\(Format.count(Double(parameters))) (\(Format.bytes(Double(parameterBytes))) as stored)"
      ),
      ("FLOPs/step", "\(Format.flops(flopsPerStep)): " + phases.joined(separator: ", ")),
      ("ops", "\(nodeCount): \(shownOps)" + (rest > 0 ? ", \(rest) other" : "")),
      ("device", "\(device) with \(Format.bytes(Double(deviceMemoryBytes)))"),
      (
        "memory",
        "parameters \(Format.bytes(Double(m.parameterBytes))), gradients \(Format.bytes(Double(m.gradientBytes))), "
          + "optimizer \(Format.bytes(Double(m.optimizerStateBytes))), weight copies \(Format.bytes(Double(m.weightCopyBytes))), "
          + "activations \(Format.bytes(Double(m.activationBytes))) = \(Format.bytes(total))"
      ),
      ("fits", verdict),
      (
        "time/step",
        "\(Format.seconds(estimatedSecondsOnOneDevice)) on one device (roofline estimate)"
      ),
    ]
    let width = lines.map(\.0.count).max() ?? 0
    return lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
      .joined(separator: "\n")
  }
}
