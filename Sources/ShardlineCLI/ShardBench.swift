import ArgumentParser
import Foundation
import ShardlineCost
import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlineSharding
import ShardlineSolver

/// `shardline bench shard`: how fast the intra-operator pass solves the reference cases.
struct ShardBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shard",
    abstract: "Time the intra-operator ILP on a GPT-39B layer (2×4) and on all of GPT-1.3B (1×8).")

  @Option(help: "Microbatch size of the benchmarked graphs.") var batch: Int = 8
  @Option(name: .customLong("time-limit"), help: "ILP time limit in seconds.")
  var timeLimit: Double = 600

  /// One benchmarked case.
  struct Case {
    let name: String
    let config: GPTConfig
    let mesh: (Int, Int)
  }

  func run() throws {
    let cases = [
      Case(
        name: "GPT-39B, one layer",
        config: GPTConfig(
          hidden: 8192, layers: 1, heads: 64, seq: 1024, vocab: 51200, batch: batch), mesh: (2, 4)),
      Case(
        name: "GPT-1.3B, whole step",
        config: GPTConfig(
          hidden: 2048, layers: 24, heads: 32, seq: 1024, vocab: 51200, batch: batch), mesh: (1, 8)),
    ]
    let cluster = ClusterSpec.preset(named: "p3.16xlarge")!
    for benchCase in cases {
      let clock = ContinuousClock()
      var graph: Graph?
      let build = try clock.measure {
        graph = try benchCase.config.trainingStep(
          options: TrainingOptions(optimizer: .adam(learningRate: 1e-3), computeType: .f16))
      }
      guard let graph else { continue }
      let mesh = try MeshOptions(mesh: "\(benchCase.mesh.0)x\(benchCase.mesh.1)").resolve(
        on: cluster)
      let context = ShardingContext(
        graph: graph, mesh: mesh, costModel: ComputeCostModel(device: cluster.host.device))
      var plan: IntraOpPlan?
      let solve = try clock.measure {
        plan = try AutoSharding(
          context: context, solver: CBCSolver(), limits: SolverLimits(timeLimitSeconds: timeLimit)
        ).solve(ShardingRequest())
      }
      guard let plan else { continue }
      let s = plan.solver
      print("\(benchCase.name) on \(plan.mesh), batch \(batch): \(graph.nodes.count) IR nodes")
      print("  graph build        \(Format.seconds(build.seconds))")
      print(
        "  pass               \(Format.seconds(solve.seconds)): cost graph \(Format.seconds(s.costGraphSeconds)), "
          + "ILP \(Format.seconds(s.solverSeconds)) (\(s.status))")
      print(
        "  before merging     \(s.unmergedNodes) decisions, \(s.unmergedEdges) edges, \(s.unmergedVariables) binaries"
      )
      print(
        "  after merging      \(s.nodes) decisions, \(s.edges) edges, \(s.variables) variables, \(s.constraints) constraints"
      )
      print(
        "  after presolve     \(s.presolvedVariables) variables, \(s.presolvedConstraints) constraints"
      )
      print(
        "  plan               \(Format.seconds(plan.totalSeconds)) per step, peak \(Format.bytes(plan.peakMemoryBytesPerDevice)) per device"
      )
    }
  }
}
