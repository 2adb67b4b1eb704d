import ShardlineHardware
import ShardlineIR
import ShardlineModels
import ShardlinePlan
import ShardlinePlanner
import ShardlineSharding

/// Small models planned by Shardline and by each baseline with 2 microbatches and no profile
/// cache, each once per test run: gpt-tiny on one p3.16xlarge host (8 devices), and moe-tiny on
/// that host cut down to 4 devices (so that Shardline's own search of it stays quick).
enum PlannedBaselines {
  /// The planner every fixture uses.
  static let planner = Planner(
    options: PlannerOptions(microbatches: .count(2)), cacheDirectory: nil)

  /// A zoo preset as the planner takes it.
  static func source(_ name: String) throws -> ModelSource {
    let preset = try ModelZoo.preset(named: name)
    return .zoo(name: preset.name, config: preset.model, training: preset.trainingOptions())
  }

  /// One p3.16xlarge host: 8 V100s.
  static func host() throws -> ClusterSpec { try ClusterSpec.parse("p3.16xlarge") }

  /// One p3.16xlarge host cut down to 4 devices.
  static func smallHost() throws -> ClusterSpec {
    var host = try ClusterSpec.parse("p3.16xlarge").host
    host.devicesPerHost = 4
    return ClusterSpec(name: "p3-4gpu", host: host, hostCount: 1)
  }

  private static let gptShardline = Result<Plan, any Error> {
    try planner.plan(source("gpt-tiny"), on: host())
  }
  private static let gptMegatron = planGPT(.megatron)
  private static let gptZero2 = planGPT(.zero2)
  private static let gptZero3 = planGPT(.zero3)
  private static let gptPPDP = planGPT(.ppDP)
  private static let gptIntraOpOnly = planGPT(.intraOpOnly)
  private static let gptInterOpOnlySmall = Result<Plan, any Error> {
    try planner.plan(deepGPT, on: smallHost(), baseline: .interOpOnly)
  }

  /// gpt-tiny with 6 blocks: 8 layers, enough for a stage of two on each of 4 devices without
  /// the planner pruning a stage of only the embedding or the head as too light for a device.
  static let deepGPT = ModelSource.zoo(
    name: "gpt-tiny-6",
    config: .gpt(GPTConfig(hidden: 32, layers: 6, heads: 4, seq: 16, vocab: 64, batch: 4)),
    training: TrainingOptions())
  private static let deepGPTShardlineSmall = Result<Plan, any Error> {
    try planner.plan(deepGPT, on: smallHost())
  }
  private static let moeShardlineSmall = Result<Plan, any Error> {
    try planner.plan(source("moe-tiny"), on: smallHost())
  }
  private static let moeDeepSpeedSmall = Result<Plan, any Error> {
    try planner.plan(source("moe-tiny"), on: smallHost(), baseline: .deepspeedMoE)
  }
  private static let moeDeepSpeed = Result<Plan, any Error> {
    try planner.plan(source("moe-tiny"), on: host(), baseline: .deepspeedMoE)
  }

  private static func planGPT(_ baseline: Baseline) -> Result<Plan, any Error> {
    Result { try planner.plan(source("gpt-tiny"), on: host(), baseline: baseline) }
  }

  /// Shardline's own plan of gpt-tiny on 8 devices.
  static func shardlineGPT() throws -> Plan { try gptShardline.get() }

  /// `baseline`'s plan of gpt-tiny on 8 devices (`nil` for the baselines that do not apply:
  /// DeepSpeed-MoE, and inter-op only, which needs a layer per device).
  static func gpt(_ baseline: Baseline) throws -> Plan? {
    switch baseline {
    case .megatron: try gptMegatron.get()
    case .zero2: try gptZero2.get()
    case .zero3: try gptZero3.get()
    case .ppDP: try gptPPDP.get()
    case .intraOpOnly: try gptIntraOpOnly.get()
    case .deepspeedMoE, .interOpOnly: nil
    }
  }

  /// Inter-op only on ``deepGPT``'s 8 layers over 4 devices.
  static func interOpOnlySmall() throws -> Plan { try gptInterOpOnlySmall.get() }

  /// Shardline's own plan of ``deepGPT`` on 4 devices.
  static func shardlineDeepGPTSmall() throws -> Plan { try deepGPTShardlineSmall.get() }

  /// Shardline's own plan of moe-tiny on 4 devices.
  static func shardlineMoESmall() throws -> Plan { try moeShardlineSmall.get() }

  /// DeepSpeed-MoE's plan of moe-tiny (4 experts) on 4 devices.
  static func deepSpeedMoESmall() throws -> Plan { try moeDeepSpeedSmall.get() }

  /// DeepSpeed-MoE's plan of moe-tiny (4 experts) on 8 devices.
  static func deepSpeedMoE() throws -> Plan { try moeDeepSpeed.get() }

  /// The per-microbatch training graph `plan` refers to.
  static func graph(of plan: Plan, model: String) throws -> Graph {
    try source(model).microbatchGraph(microbatches: plan.microbatches)
  }

  /// The spec `plan` gives the node called `name`, from the stage that decides it.
  static func spec(of name: String, in plan: Plan) -> ShardingSpec? {
    plan.stages.lazy.flatMap(\.ops).first { $0.name == name }?.spec
  }
}
