import ArgumentParser
import Foundation
import ShardlineHardware
import ShardlineIR
import ShardlinePlan
import ShardlinePlanner

/// `shardline plan`: the whole Alpa search — layers, stages, submeshes, every op's sharding.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Find the fastest plan that fits: pipeline stages, submeshes and shardings.")

  @OptionGroup var model: ModelOptions
  @OptionGroup var cluster: ClusterOptions
  @OptionGroup var flags: PlannerFlags
  @OptionGroup var sdyShardings: SdyShardingFlags

  @Option(
    name: .customLong("logical-shape"),
    help: ArgumentHelp(
      "Only plan stages on submeshes of N0·N1 devices viewed as N0xN1 (default: every "
        + "submesh and view).", valueName: "n0xn1"))
  var logicalShape: String?

  func run() throws {
    let shape = try logicalShape.map(Self.parseShape)
    try flags.search(model: model, cluster: cluster, pinningSdyShardings: !sdyShardings.ignore) {
      planner, source, cluster, progress in
      try planner.plan(
        source, on: cluster, space: Self.space(shape, on: cluster), progress: progress)
    }
  }

  /// `2x4` as a logical shape.
  private static func parseShape(_ text: String) throws -> LogicalMeshShape {
    let parts = text.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
    guard parts.count == 2, let rows = Int(parts[0]), let columns = Int(parts[1]), rows > 0,
      columns > 0
    else {
      throw CLIError("bad --logical-shape '\(text)': expected N0xN1 with positive sizes, e.g. 2x4")
    }
    return LogicalMeshShape(rows: rows, columns: columns)
  }

  /// The whole space, or only the submeshes of `shape`'s device count viewed as `shape`.
  private static func space(_ shape: LogicalMeshShape?, on cluster: ClusterSpec)
    throws(PlannerError) -> SearchSpace
  {
    guard let shape else { return .full }
    let submeshes = cluster.physicalMesh.submeshShapes.filter {
      $0.deviceCount == shape.deviceCount
    }
    guard !submeshes.isEmpty else {
      throw .invalidOption(
        "--logical-shape \(shape): no submesh of \(cluster.name) has \(shape.deviceCount) devices")
    }
    return SearchSpace(submeshes: submeshes, logicalShapes: { _ in [shape] })
  }
}

extension PlannerFlags {
  /// Runs `search` with a live progress line on standard error, then writes and prints the plan.
  ///
  /// With `pinningSdyShardings`, the `sdy.sharding` annotations of a StableHLO step are then
  /// pinned in the stages that own their parameters and those stages re-solved, as one line on
  /// standard error reports.
  func search(
    model: ModelOptions, cluster: ClusterOptions, pinningSdyShardings: Bool = false,
    _ search: (
      Planner, ModelSource, ClusterSpec, @escaping @Sendable (PlannerProgress) -> Void
    ) throws -> Plan
  ) throws {
    let (source, shardings) = try model.modelSourceAndShardings()
    let clusterSpec = try cluster.resolve()
    let planner = try planner()
    let line = ProgressLine()
    defer { line.finish() }
    var plan: Plan
    let graph: Graph
    do {
      plan = try search(planner, source, clusterSpec) { line.update($0.description) }
      graph = try source.microbatchGraph(microbatches: plan.microbatches)
    } catch {
      throw CLIError("\(error)")
    }
    let evaluator = PlanEvaluator(graph: graph)
    var report: SdyPinReport?
    if pinningSdyShardings && !shardings.isEmpty {
      (plan, report) = try SdyShardingPins.resolved(
        plan, shardings, of: source, planner: planner, evaluator: evaluator
      ) { line.update($0.description) }
    }
    line.finish()
    if let report { FileHandle.standardError.write(Data("\(report)\n".utf8)) }
    try emit(plan, evaluator: evaluator)
  }
}
