import ArgumentParser
import Foundation
import ShardlineCost
import ShardlineIR
import ShardlineSharding
import ShardlineSolver

/// `shardline shard`: the intra-operator pass on one logical mesh.
struct ShardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shard",
    abstract: "Choose every op's sharding on a logical mesh (Alpa's intra-operator ILP).")

  @OptionGroup var model: ModelOptions
  @OptionGroup var cluster: ClusterOptions
  @OptionGroup var mesh: MeshOptions
  @OptionGroup var sdyShardings: SdyShardingFlags

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Fix an op's sharding, OP=SPEC with OP a name or %ID and SPEC like S0R or RS1P0; repeatable.",
      valueName: "op=spec"))
  var pin: [String] = []

  @Option(help: "auto, dp, zero2, zero3, megatron or replicated.")
  var mode: String = "auto"

  @Option(
    name: .customLong("memory-budget"),
    help: ArgumentHelp("Per-device memory budget, e.g. 14GiB (default: none).", valueName: "size"))
  var memoryBudget: String?

  @Option(name: .customLong("time-limit"), help: "ILP time limit in seconds.")
  var timeLimit: Double = 600

  @Flag(name: .long, help: "List every op, not only heavy ops and ops that communicate.")
  var all = false

  @Flag(name: .long, help: "Print the plan as JSON.")
  var json = false

  func run() throws {
    let imported = try model.resolvedModel()
    let graph = imported.graph
    let clusterSpec = try cluster.resolve()
    let logicalMesh = try mesh.resolve(on: clusterSpec)
    guard let shardingMode = ShardingMode(rawValue: mode) else {
      let known = ShardingMode.allCases.map(\.rawValue).joined(separator: ", ")
      throw CLIError("unknown mode '\(mode)' (known: \(known))")
    }
    var budget: Double?
    if let memoryBudget {
      guard let bytes = ByteSize.parse(memoryBudget) else {
        throw CLIError("bad memory budget '\(memoryBudget)': expected a size such as 14GiB")
      }
      budget = bytes
    }
    var pins = try parsePins()
    if !sdyShardings.ignore && !imported.argumentShardings.isEmpty {
      let shape = MeshShape(logicalMesh.shape.rows, logicalMesh.shape.columns)
      let merged = try SdyShardingPins.request(
        imported.argumentShardings, graph: graph, mesh: shape, explicit: pins)
      pins = merged.pins
      FileHandle.standardError.write(Data("\(merged.report)\n".utf8))
    }
    let request = ShardingRequest(mode: shardingMode, pins: pins, memoryBudgetBytes: budget)
    let context = ShardingContext(
      graph: graph, mesh: logicalMesh,
      costModel: ComputeCostModel(device: clusterSpec.host.device))
    let pass = AutoSharding(
      context: context, solver: CBCSolver(), limits: SolverLimits(timeLimitSeconds: timeLimit))
    let progress = ProgressLine()
    let plan: IntraOpPlan
    do {
      plan = try pass.solve(request) { progress.update($0) }
      progress.finish()
    } catch {
      progress.finish()
      throw CLIError(error.description)
    }
    if json {
      try printJSON(plan)
    } else {
      print(
        ShardReport(
          plan: plan, graph: graph, deviceMemoryBytes: clusterSpec.host.device.memoryBytes, all: all
        ).text)
    }
  }

  private func parsePins() throws -> [String: ShardingSpec] {
    var pins: [String: ShardingSpec] = [:]
    for text in pin {
      guard let separator = text.lastIndex(of: "=") else {
        throw CLIError("bad pin '\(text)': expected OP=SPEC, e.g. block0/mlp/fc1/dot_general=RS1")
      }
      let name = String(text[..<separator])
      let specText = String(text[text.index(after: separator)...])
      guard let spec = ShardingSpec(parsing: specText) else {
        throw CLIError(
          "bad sharding spec '\(specText)' in pin '\(text)': expected tokens R, S0, S1, S01 per dimension, e.g. S0R"
        )
      }
      pins[name] = spec
    }
    return pins
  }
}
